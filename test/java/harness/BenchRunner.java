// Measures the generated activities against plain AWS SDK calls (test/bench/java-bench.ts): each
// activity, built from the bundled Lambda spec and run through the Mendix API stand-ins as the Mendix
// runtime runs it, against the same request sent by a plain SDK client built with the same settings
// as the activity's client (the client factory's: Apache HttpClient 5 with its connection bound,
// region, static keys, endpoint override, API call timeout, attempts), both to the same local HTTP
// endpoints (java-bench.ts names them: the emulators, and one that answers at once).
//
// One fork of the measurement, for each set of endpoints in turn (the configuration's `endpoints`):
// warm-up, then rounds that alternate the two sides (activity first, then plain first), each round
// timing a batch of calls of either side. Prints one JSON line: per set and operation the median
// nanoseconds (and CPU nanoseconds of the calling thread) per call of each side and the median of
// the rounds' ratios, and the client factory's count of clients built before and after the first
// and the second call of each activity (the second must build none). IMPL_PACKAGE is replaced
// before compiling.
import com.mendix.core.Core;
import com.mendix.systemwideinterfaces.core.IContext;
import com.mendix.systemwideinterfaces.core.IMendixObject;
import com.mendix.systemwideinterfaces.core.UserAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

public final class BenchRunner
{
	private BenchRunner()
	{
	}

	/** What one side of a round does once: an activity run or a plain SDK call. */
	private interface Call
	{
		void run() throws Exception;
	}

	private static final String PAYLOAD = "{\"order\":42,\"items\":[\"a\",\"b\",\"c\"]}";

	public static void main(String[] args) throws Exception
	{
		if (args.length != 1)
			throw new IllegalArgumentException("usage: BenchRunner <config.json>");
		final Map<?, ?> config = (Map<?, ?>) IMPL_PACKAGE.Json.parse(new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8));
		mxstandin.Runtime.loadDomainModel(HarnessConfig.text(config, "domainModel"));
		final Settings settings = new Settings(config);
		final IContext context = mxstandin.Runtime.newContext();
		final java.lang.reflect.Constructor<?> listFunctions = constructor(settings.actionsPackage + ".ListFunctions");
		final java.lang.reflect.Constructor<?> invoke = constructor(settings.actionsPackage + ".Invoke");
		final Map<String, Object> result = new LinkedHashMap<>();
		final Map<String, Object> measured = new LinkedHashMap<>();
		final List<LambdaClient> plainClients = new ArrayList<>();
		boolean first = true;
		for (final Object entry : (List<?>) config.get("endpoints"))
		{
			final Map<?, ?> endpoints = (Map<?, ?>) entry;
			final Objects objects = new Objects(context, settings, HarnessConfig.text(endpoints, "listEndpoint"), HarnessConfig.text(endpoints, "invokeEndpoint"), HarnessConfig.text(endpoints, "functionName"));
			objects.make();
			final LambdaClient listClient = plainClient(settings, HarnessConfig.text(endpoints, "listEndpoint"));
			final LambdaClient invokeClient = plainClient(settings, HarnessConfig.text(endpoints, "invokeEndpoint"));
			plainClients.add(listClient);
			plainClients.add(invokeClient);
			// The activities read the objects current at each call (renewed between rounds).
			final Call listActivity = () -> run(listFunctions, context, objects.credentials, settings.region, objects.listRequest);
			final Call listPlain = () -> listClient.listFunctions(software.amazon.awssdk.services.lambda.model.ListFunctionsRequest.builder().build());
			final Call invokeActivity = () -> run(invoke, context, objects.credentials, settings.region, objects.invokeRequest);
			final Call invokePlain = () -> invokeClient.invoke(software.amazon.awssdk.services.lambda.model.InvokeRequest.builder()
				.functionName(objects.functionName)
				.invocationType("RequestResponse")
				.logType("None")
				.payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String(PAYLOAD))
				.build());

			if (first)
			{
				// The client cache: the first call of an activity builds the client of its settings; a second
				// call with the same credentials, region and settings builds none.
				final Map<String, Object> cache = new LinkedHashMap<>();
				cache.put("beforeFirstCall", Long.valueOf(IMPL_PACKAGE.AwsClientFactory.clientsCreated()));
				listActivity.run();
				cache.put("afterFirstListFunctions", Long.valueOf(IMPL_PACKAGE.AwsClientFactory.clientsCreated()));
				listActivity.run();
				cache.put("afterSecondListFunctions", Long.valueOf(IMPL_PACKAGE.AwsClientFactory.clientsCreated()));
				invokeActivity.run();
				cache.put("afterFirstInvoke", Long.valueOf(IMPL_PACKAGE.AwsClientFactory.clientsCreated()));
				invokeActivity.run();
				cache.put("afterSecondInvoke", Long.valueOf(IMPL_PACKAGE.AwsClientFactory.clientsCreated()));
				result.put("clientsCreated", cache);
				first = false;
			}
			final int warmupCalls = HarnessConfig.number(endpoints, "warmupCalls");
			final Map<String, Object> operations = new LinkedHashMap<>();
			operations.put("ListFunctions", measure(listActivity, listPlain, objects, warmupCalls, settings.rounds, HarnessConfig.number(endpoints, "callsPerRound")));
			operations.put("Invoke", measure(invokeActivity, invokePlain, objects, warmupCalls, settings.rounds, HarnessConfig.number(endpoints, "callsPerRound")));
			measured.put(HarnessConfig.text(endpoints, "name"), operations);
		}
		result.put("endpoints", measured);
		System.out.write((json(result) + "\n").getBytes(StandardCharsets.UTF_8));
		System.out.flush();
		for (final LambdaClient client : plainClients)
			client.close();
		// The SDK's non-daemon threads of cached clients must not keep the JVM alive.
		System.exit(0);
	}

	/** The configuration every endpoint shares. */
	private static final class Settings
	{
		final String module;
		final String actionsPackage;
		final String region;
		final String regionCode;
		final int rounds;
		final int timeoutSeconds;
		final int maxAttempts;

		Settings(Map<?, ?> config)
		{
			module = HarnessConfig.text(config, "module");
			actionsPackage = HarnessConfig.text(config, "actionsPackage");
			region = HarnessConfig.text(config, "region");
			regionCode = HarnessConfig.text(config, "regionCode");
			rounds = HarnessConfig.number(config, "rounds");
			timeoutSeconds = HarnessConfig.number(config, "timeoutSeconds");
			maxAttempts = HarnessConfig.number(config, "maxAttempts");
		}
	}

	/**
	 * Warm-up of both sides, then `rounds` rounds of `callsPerRound` calls of each side, the order of
	 * the two sides alternating from round to round. The stand-in runtime forgets the activity's
	 * objects between rounds (a Mendix runtime frees them after each microflow), outside the timing;
	 * the credentials and request objects are then made anew.
	 */
	private static Map<String, Object> measure(Call activity, Call plain, Objects objects, int warmupCalls, int rounds, int callsPerRound) throws Exception
	{
		for (int i = 0; i < warmupCalls; i++)
		{
			activity.run();
			plain.run();
			if (i % callsPerRound == callsPerRound - 1)
				objects.renew();
		}
		final double[] activityNanos = new double[rounds];
		final double[] plainNanos = new double[rounds];
		final double[] ratios = new double[rounds];
		final double[] activityCpu = new double[rounds];
		final double[] plainCpu = new double[rounds];
		final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
		for (int round = 0; round < rounds; round++)
		{
			objects.renew();
			for (int side = 0; side < 2; side++)
			{
				final boolean activitySide = (side == 0) == (round % 2 == 0);
				final long cpu = threads.getCurrentThreadCpuTime();
				final double nanos = batch(activitySide ? activity : plain, callsPerRound);
				final double cpuPerCall = (threads.getCurrentThreadCpuTime() - cpu) / (double) callsPerRound;
				if (activitySide)
				{
					activityNanos[round] = nanos;
					activityCpu[round] = cpuPerCall;
				}
				else
				{
					plainNanos[round] = nanos;
					plainCpu[round] = cpuPerCall;
				}
			}
			ratios[round] = activityNanos[round] / plainNanos[round];
		}
		final Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("rounds", Integer.valueOf(rounds));
		figures.put("callsPerRound", Integer.valueOf(callsPerRound));
		figures.put("activityMedianNanosPerCall", Double.valueOf(median(activityNanos)));
		figures.put("plainMedianNanosPerCall", Double.valueOf(median(plainNanos)));
		figures.put("medianRatio", Double.valueOf(median(ratios)));
		// CPU time of the calling thread: the activity's own work beside the plain call's.
		figures.put("activityMedianCpuNanosPerCall", Double.valueOf(median(activityCpu)));
		figures.put("plainMedianCpuNanosPerCall", Double.valueOf(median(plainCpu)));
		return figures;
	}

	/** Nanoseconds per call over a batch of calls. */
	private static double batch(Call call, int calls) throws Exception
	{
		final long start = System.nanoTime();
		for (int i = 0; i < calls; i++)
			call.run();
		return (System.nanoTime() - start) / (double) calls;
	}

	private static double median(double[] values)
	{
		final double[] sorted = values.clone();
		Arrays.sort(sorted);
		final int middle = sorted.length / 2;
		return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	// ---- the activities' objects and the plain client ----

	/**
	 * The credentials and request objects: every call uses the same ones, as an app with one
	 * configuration does, until the stand-in runtime is reset; then they are made anew (same values).
	 */
	private static final class Objects
	{
		private final IContext context;
		private final Settings settings;
		private final String listEndpoint;
		private final String invokeEndpoint;
		final String functionName;
		IMendixObject credentials;
		IMendixObject listRequest;
		IMendixObject invokeRequest;

		Objects(IContext context, Settings settings, String listEndpoint, String invokeEndpoint, String functionName)
		{
			this.context = context;
			this.settings = settings;
			this.listEndpoint = listEndpoint;
			this.invokeEndpoint = invokeEndpoint;
			this.functionName = functionName;
		}

		/** Forgets every object of the stand-in runtime, then makes the credentials and requests again. */
		void renew()
		{
			mxstandin.Runtime.reset();
			make();
		}

		void make()
		{
			credentials = Core.instantiate(context, settings.module + ".Credentials");
			credentials.setValue(context, "Provider", "StaticKeys");
			credentials.setValue(context, "AccessKeyId", "AKIABENCH");
			credentials.setValue(context, "SecretAccessKey", "bench-secret");
			listRequest = request(context, settings.module + ".ListFunctionsRequest", listEndpoint, settings.timeoutSeconds, settings.maxAttempts);
			invokeRequest = request(context, settings.module + ".InvokeRequest", invokeEndpoint, settings.timeoutSeconds, settings.maxAttempts);
			invokeRequest.setValue(context, "FunctionName", functionName);
			invokeRequest.setValue(context, "InvocationType", "RequestResponse");
			invokeRequest.setValue(context, "LogType", "None");
			invokeRequest.setValue(context, "Payload", PAYLOAD);
		}

		private static IMendixObject request(IContext context, String entity, String endpoint, int timeoutSeconds, int maxAttempts)
		{
			final IMendixObject request = Core.instantiate(context, entity);
			request.setValue(context, "EndpointOverride", endpoint);
			request.setValue(context, "ApiCallTimeoutSeconds", Integer.valueOf(timeoutSeconds));
			request.setValue(context, "MaxAttempts", Integer.valueOf(maxAttempts));
			return request;
		}
	}

	/** A Lambda client with the settings the client factory gives the activities' client for those objects. */
	private static LambdaClient plainClient(Settings settings, String endpoint) throws Exception
	{
		final software.amazon.awssdk.core.client.config.ClientOverrideConfiguration overrides = software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.builder()
			.apiCallTimeout(java.time.Duration.ofSeconds(settings.timeoutSeconds))
			.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts).build())
			.build();
		return LambdaClient.builder()
			.region(software.amazon.awssdk.regions.Region.of(settings.regionCode))
			.credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
				software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIABENCH", "bench-secret")))
			.httpClientBuilder(software.amazon.awssdk.http.apache5.Apache5HttpClient.builder().maxConnections(IMPL_PACKAGE.AwsClientFactory.MAX_CONNECTIONS_PER_CLIENT))
			.overrideConfiguration(overrides)
			.endpointOverride(new java.net.URI(endpoint))
			.build();
	}

	private static java.lang.reflect.Constructor<?> constructor(String className) throws ClassNotFoundException
	{
		return Class.forName(className).getConstructors()[0];
	}

	/** Constructs the action as the Mendix runtime does (context, then the parameters) and runs it. */
	private static void run(java.lang.reflect.Constructor<?> constructor, IContext context, IMendixObject credentials, String region, IMendixObject request)
		throws Exception
	{
		final UserAction<?> action = (UserAction<?>) constructor.newInstance(context, credentials, region, request);
		if (action.executeAction() == null)
			throw new IllegalStateException("the activity returned nothing");
	}

	// ---- output ----

	/** JSON of maps, strings and numbers. */
	private static String json(Object value)
	{
		if (value instanceof Map)
		{
			final List<String> members = new ArrayList<>();
			for (final Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet())
				members.add(json(String.valueOf(entry.getKey())) + ":" + json(entry.getValue()));
			return "{" + String.join(",", members) + "}";
		}
		if (value instanceof String)
			return "\"" + ((String) value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
		if (value instanceof Double && (((Double) value).isNaN() || ((Double) value).isInfinite()))
			return "null";
		return String.valueOf(value);
	}
}
