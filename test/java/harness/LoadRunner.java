// Drives the compiled generated actions under load, as a Mendix app with many users would: objects are
// made with Core.instantiate and read with getValue / Core.retrieveByPath through the Mendix API
// stand-ins only, actions are constructed and run as the runtime runs them. Two modes, each printing
// one JSON line on stdout (test/java/java-load.test.ts, test/bench/load-bench.ts):
//
//   load  <config.json>  many threads, many credential sets, ListFunctions (all pages), GetFunction and
//                        Invoke against real local endpoints for a bounded time; counts calls, failures
//                        by cause, wrong answers, and samples the client factory's counters, the open
//                        sockets of this JVM and its heap after a forced GC;
//   evict <config.json>  one thread holds a slow Invoke while others overflow the client cache, to see
//                        whether the factory closes a client under a call in flight.
//
// The client factory is read through reflection (clientsCreated, clientsClosed, cachedClients,
// MAX_CONNECTIONS_PER_CLIENT): the same runner also runs against the old factory of b1752c5, which has
// none of them (reported as null). IMPL_PACKAGE is replaced by the test before compiling.
import com.mendix.core.Core;
import com.mendix.systemwideinterfaces.core.IContext;
import com.mendix.systemwideinterfaces.core.IMendixObject;
import com.mendix.systemwideinterfaces.core.UserAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

public final class LoadRunner
{
	private LoadRunner()
	{
	}

	public static void main(String[] args) throws Exception
	{
		if (args.length != 2 || !("load".equals(args[0]) || "evict".equals(args[0])))
			throw new IllegalArgumentException("usage: LoadRunner load|evict <config.json>");
		final Map<?, ?> config = (Map<?, ?>) IMPL_PACKAGE.Json.parse(new String(Files.readAllBytes(Paths.get(args[1])), StandardCharsets.UTF_8));
		mxstandin.Runtime.loadDomainModel(HarnessConfig.text(config, "domainModel"));
		final Setup setup = new Setup(config);
		final String result = "load".equals(args[0]) ? load(setup, config) : evict(setup, config);
		System.out.write((result + "\n").getBytes(StandardCharsets.UTF_8));
		System.out.flush();
		// The SDK's non-daemon threads of clients still cached must not keep the JVM alive.
		System.exit(0);
	}

	// ---- objects ----

	/** What every call needs: entity and action names, endpoints, the functions moto holds. */
	private static final class Setup
	{
		final String module;
		final String actionsPackage;
		final String region;
		final String motoEndpoint;
		final String offlineEndpoint;
		final String echoFunction;
		final String slowFunction;
		final String keyPrefix;
		final List<String> functionNames = new ArrayList<>();
		final java.util.Set<String> functionSet;
		private final Map<String, java.lang.reflect.Constructor<?>> constructors = new java.util.concurrent.ConcurrentHashMap<>();

		Setup(Map<?, ?> config)
		{
			module = HarnessConfig.text(config, "module");
			actionsPackage = HarnessConfig.text(config, "actionsPackage");
			region = HarnessConfig.text(config, "region");
			motoEndpoint = config.get("motoEndpoint") instanceof String ? (String) config.get("motoEndpoint") : null;
			offlineEndpoint = HarnessConfig.text(config, "offlineEndpoint");
			echoFunction = HarnessConfig.text(config, "echoFunction");
			slowFunction = HarnessConfig.text(config, "slowFunction");
			keyPrefix = HarnessConfig.text(config, "keyPrefix");
			final Object names = config.get("functionNames");
			if (names instanceof List)
				for (final Object name : (List<?>) names)
					functionNames.add((String) name);
			functionSet = new java.util.HashSet<>(functionNames);
		}

		IMendixObject credentials(IContext context, String accessKeyId)
		{
			final IMendixObject credentials = Core.instantiate(context, module + ".Credentials");
			credentials.setValue(context, "Provider", "StaticKeys");
			credentials.setValue(context, "AccessKeyId", accessKeyId);
			credentials.setValue(context, "SecretAccessKey", "load-secret-" + accessKeyId);
			return credentials;
		}

		IMendixObject request(IContext context, String entity, String endpoint, int timeoutSeconds)
		{
			final IMendixObject request = Core.instantiate(context, module + "." + entity);
			request.setValue(context, "EndpointOverride", endpoint);
			// One attempt: every failure shows, none is hidden by a retry.
			request.setValue(context, "MaxAttempts", Integer.valueOf(1));
			request.setValue(context, "ApiCallTimeoutSeconds", Integer.valueOf(timeoutSeconds));
			return request;
		}

		/** Constructs the action as the Mendix runtime does (context, then the parameters) and runs it. */
		Object run(String action, IContext context, IMendixObject credentials, IMendixObject request) throws Exception
		{
			final java.lang.reflect.Constructor<?> constructor = constructors.computeIfAbsent(action, name -> {
				try
				{
					return Class.forName(actionsPackage + "." + name).getConstructors()[0];
				}
				catch (ClassNotFoundException e)
				{
					throw new IllegalStateException(e);
				}
			});
			final UserAction<?> userAction = (UserAction<?>) constructor.newInstance(context, credentials, region, request);
			return userAction.executeAction();
		}

		IMendixObject invokeRequest(IContext context, String function, String payload)
		{
			final IMendixObject request = request(context, "InvokeRequest", offlineEndpoint, 30);
			request.setValue(context, "FunctionName", function);
			request.setValue(context, "InvocationType", "RequestResponse");
			request.setValue(context, "LogType", "None");
			request.setValue(context, "Payload", payload);
			request.setValue(context, "FailOnFunctionError", Boolean.TRUE);
			return request;
		}
	}

	/** The client factory's counters, through reflection: null where the factory has none (the old one). */
	private static final class Factory
	{
		private final java.lang.reflect.Method created;
		private final java.lang.reflect.Method closed;
		private final java.lang.reflect.Method cached;
		private final java.lang.reflect.Method bound;
		final Integer maxConnectionsPerClient;

		Factory() throws ClassNotFoundException
		{
			final Class<?> factory = Class.forName("IMPL_PACKAGE.AwsClientFactory");
			created = method(factory, "clientsCreated");
			closed = method(factory, "clientsClosed");
			cached = method(factory, "cachedClients");
			bound = method(factory, "maxCachedClients");
			Integer connections = null;
			try
			{
				connections = Integer.valueOf(factory.getField("MAX_CONNECTIONS_PER_CLIENT").getInt(null));
			}
			catch (NoSuchFieldException | IllegalAccessException absent)
			{
				// The old factory: the SDK's default pool size.
			}
			maxConnectionsPerClient = connections;
		}

		private static java.lang.reflect.Method method(Class<?> type, String name)
		{
			try
			{
				return type.getMethod(name);
			}
			catch (NoSuchMethodException absent)
			{
				return null;
			}
		}

		private static Long call(java.lang.reflect.Method method)
		{
			if (method == null)
				return null;
			try
			{
				return Long.valueOf(((Number) method.invoke(null)).longValue());
			}
			catch (ReflectiveOperationException e)
			{
				throw new IllegalStateException(e);
			}
		}

		Long created()
		{
			return call(created);
		}

		Long closed()
		{
			return call(closed);
		}

		Long cached()
		{
			return call(cached);
		}

		Long bound()
		{
			return call(bound);
		}

		/** Clients built and not yet closed: in the cache, or out of it and still leased. */
		Long open()
		{
			final Long c = created();
			final Long d = closed();
			return c == null || d == null ? null : Long.valueOf(c.longValue() - d.longValue());
		}
	}

	/** Sockets this JVM has open: entries of /proc/self/fd that link to "socket:[inode]" (Linux only; -1 elsewhere). */
	static int openSockets()
	{
		final java.nio.file.Path fds = Paths.get("/proc/self/fd");
		if (!Files.isDirectory(fds))
			return -1;
		int sockets = 0;
		try (java.nio.file.DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(fds))
		{
			for (final java.nio.file.Path fd : entries)
			{
				try
				{
					if (Files.readSymbolicLink(fd).toString().startsWith("socket:"))
						sockets++;
				}
				catch (java.io.IOException closedMeanwhile)
				{
					// The descriptor was closed between listing and reading it.
				}
			}
		}
		catch (java.io.IOException e)
		{
			return -1;
		}
		return sockets;
	}

	/** Heap in use after full collections (System.gc() twice, a pause for reference processing between). */
	static long heapAfterGc() throws InterruptedException
	{
		System.gc();
		Thread.sleep(100);
		System.gc();
		return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	// ---- failures ----

	/** Failures by cause, with the distinct messages (at most 20, with counts). */
	private static final class Failures
	{
		final AtomicLong serverFailed = new AtomicLong();
		final AtomicLong notServerFailed = new AtomicLong();
		final AtomicLong incorrect = new AtomicLong();
		private final Map<String, Long> messages = new LinkedHashMap<>();

		void note(String kind, String message)
		{
			final String key = kind + ": " + (message == null ? "(no message)" : message.length() > 300 ? message.substring(0, 300) + "..." : message);
			synchronized (messages)
			{
				if (messages.containsKey(key) || messages.size() < 20)
					messages.merge(key, Long.valueOf(1), (a, b) -> Long.valueOf(a.longValue() + b.longValue()));
			}
		}

		/** Server-failed: the endpoint answered with an AWS error or the function failed. Anything else is not. */
		void failed(Throwable e)
		{
			if (e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null)
				e = e.getCause();
			if (e instanceof IMPL_PACKAGE.ConnectorException)
			{
				final IMPL_PACKAGE.ConnectorException c = (IMPL_PACKAGE.ConnectorException) e;
				if (c.getKind() == IMPL_PACKAGE.ConnectorException.Kind.AWS || c.getKind() == IMPL_PACKAGE.ConnectorException.Kind.FUNCTION_ERROR)
				{
					serverFailed.incrementAndGet();
					note("server (HTTP " + c.getStatusCode() + ")", c.getMessage());
					return;
				}
			}
			notServerFailed.incrementAndGet();
			note("not server", describe(e));
		}

		void wrong(String what)
		{
			incorrect.incrementAndGet();
			note("incorrect", what);
		}

		void writeMessages(StringBuilder json)
		{
			json.append('{');
			boolean first = true;
			synchronized (messages)
			{
				for (final Map.Entry<String, Long> m : messages.entrySet())
				{
					first = key(json, m.getKey(), first);
					json.append(m.getValue());
				}
			}
			json.append('}');
		}
	}

	/** The exception and its causes, class and message each: what failed, down to the root. */
	static String describe(Throwable e)
	{
		final StringBuilder text = new StringBuilder();
		for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause())
		{
			if (text.length() > 0)
				text.append(" <- ");
			text.append(t.getClass().getName()).append(": ").append(t.getMessage());
			if (text.length() > 600)
				break;
		}
		return text.toString();
	}

	// ---- load ----

	private static final String[] OPERATIONS = { "ListFunctions", "GetFunction", "Invoke" };

	/** One call of a randomly chosen operation with a randomly chosen credential set; checks the answer. */
	private static void oneCall(Setup setup, int thread, long sequence, int credentialSets, AtomicLong[] calls, AtomicLong[] nanos, Failures failures)
	{
		final java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		final int set = random.nextInt(credentialSets);
		// Invoke 40 %, GetFunction 40 %, ListFunctions (all pages) 20 %: listing is the heaviest for moto.
		final int draw = random.nextInt(10);
		final int op = setup.motoEndpoint == null ? 2 : draw < 2 ? 0 : draw < 6 ? 1 : 2;
		final IContext context = mxstandin.Runtime.newContext();
		final IMendixObject credentials = setup.credentials(context, String.format(java.util.Locale.ROOT, "%s%04d", setup.keyPrefix, set));
		final long start = System.nanoTime();
		try
		{
			switch (op)
			{
				case 0:
				{
					final IMendixObject request = setup.request(context, "ListFunctionsRequest", setup.motoEndpoint, 30);
					request.setValue(context, "FetchAllPages", Boolean.TRUE);
					final IMendixObject result = (IMendixObject) setup.run("ListFunctions", context, credentials, request);
					final List<IMendixObject> functions = Core.retrieveByPath(context, result, setup.module + ".Function_ListFunctionsResponse");
					final java.util.Set<String> names = new java.util.HashSet<>();
					for (final IMendixObject f : functions)
						names.add(f.getValue(context, "FunctionName"));
					if (functions.size() != setup.functionNames.size() || !names.equals(setup.functionSet))
						failures.wrong("ListFunctions returned " + functions.size() + " functions (" + names.size() + " distinct), expected the " + setup.functionNames.size() + " created");
					break;
				}
				case 1:
				{
					final String name = setup.functionNames.get(random.nextInt(setup.functionNames.size()));
					final IMendixObject request = setup.request(context, "GetFunctionRequest", setup.motoEndpoint, 30);
					request.setValue(context, "FunctionName", name);
					final IMendixObject result = (IMendixObject) setup.run("GetFunction", context, credentials, request);
					final List<IMendixObject> function = Core.retrieveByPath(context, result, setup.module + ".GetFunctionResponse_Function");
					final String got = function.size() == 1 ? function.get(0).getValue(context, "FunctionName") : null;
					if (!name.equals(got))
						failures.wrong("GetFunction of " + name + " returned " + (function.size() == 1 ? got : function.size() + " functions"));
					break;
				}
				default:
				{
					final String id = "t" + thread + "-" + sequence + "-k" + set;
					final IMendixObject request = setup.invokeRequest(context, setup.echoFunction, "{\"id\":\"" + id + "\",\"pad\":\"" + "x".repeat(random.nextInt(512)) + "\"}");
					final IMendixObject result = (IMendixObject) setup.run("Invoke", context, credentials, request);
					final Integer status = result.getValue(context, "StatusCode");
					final String payload = result.getValue(context, "Payload");
					String echoed = null;
					String function = null;
					if (payload != null)
					{
						final Object parsed = IMPL_PACKAGE.Json.parse(payload);
						if (parsed instanceof Map && ((Map<?, ?>) parsed).get("echo") instanceof Map)
						{
							final Object value = ((Map<?, ?>) ((Map<?, ?>) parsed).get("echo")).get("id");
							echoed = value instanceof String ? (String) value : null;
							final Object fn = ((Map<?, ?>) parsed).get("functionName");
							function = fn instanceof String ? (String) fn : null;
						}
					}
					if (status == null || status.intValue() != 200 || !id.equals(echoed) || !setup.echoFunction.equals(function))
						failures.wrong("Invoke sent id " + id + ", got status " + status + " and id " + echoed + " from " + function);
					break;
				}
			}
		}
		catch (Exception e)
		{
			failures.failed(e);
		}
		finally
		{
			calls[op].incrementAndGet();
			nanos[op].addAndGet(System.nanoTime() - start);
		}
	}

	private static String load(Setup setup, Map<?, ?> config) throws Exception
	{
		final int threads = HarnessConfig.number(config, "threads");
		final int credentialSets = HarnessConfig.number(config, "credentialSets");
		final long warmupMs = HarnessConfig.number(config, "warmupMs");
		final long durationMs = HarnessConfig.number(config, "durationMs");
		final long resetEveryMs = HarnessConfig.number(config, "resetEveryMs");
		final Factory factory = new Factory();
		// Sockets before any client exists: the JVM's own (here: the stdio pipes the test's
		// child_process made, which libuv creates as socket pairs).
		final int baselineSockets = openSockets();

		final AtomicLong[] calls = new AtomicLong[OPERATIONS.length];
		final AtomicLong[] nanos = new AtomicLong[OPERATIONS.length];
		for (int i = 0; i < OPERATIONS.length; i++)
		{
			calls[i] = new AtomicLong();
			nanos[i] = new AtomicLong();
		}
		final Failures failures = new Failures();
		final java.util.concurrent.locks.ReentrantReadWriteLock gate = new java.util.concurrent.locks.ReentrantReadWriteLock();
		final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();

		// Sampler: the factory's counters every 2 ms, the sockets every 20 ms.
		final long[] peaks = { 0, 0, baselineSockets };
		final Thread sampler = new Thread(() -> {
			long tick = 0;
			while (!stop.get())
			{
				final Long cached = factory.cached();
				final Long open = factory.open();
				synchronized (peaks)
				{
					if (cached != null)
						peaks[0] = Math.max(peaks[0], cached.longValue());
					if (open != null)
						peaks[1] = Math.max(peaks[1], open.longValue());
					if (tick++ % 10 == 0)
						peaks[2] = Math.max(peaks[2], openSockets());
				}
				try
				{
					Thread.sleep(2);
				}
				catch (InterruptedException e)
				{
					return;
				}
			}
		}, "load-sampler");
		sampler.setDaemon(true);
		sampler.start();

		final List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++)
		{
			final int thread = t;
			final Thread worker = new Thread(() -> {
				long sequence = 0;
				while (!stop.get())
				{
					// Calls hold the read lock; resetting the stand-in runtime (forgetting the objects of
					// finished calls, as a Mendix app forgets them after each request) takes the write lock.
					gate.readLock().lock();
					try
					{
						oneCall(setup, thread, sequence++, credentialSets, calls, nanos, failures);
					}
					finally
					{
						gate.readLock().unlock();
					}
				}
			}, "load-worker-" + t);
			workers.add(worker);
		}
		final long started = System.nanoTime();
		for (final Thread worker : workers)
			worker.start();

		final long warmEnd = started + warmupMs * 1_000_000L;
		final long end = warmEnd + durationMs * 1_000_000L;
		long warmHeap = -1;
		long warmCalls = 0;
		long warmCreated = 0;
		long warmClosed = 0;
		long measuredFrom = 0;
		final java.lang.management.ThreadMXBean threadBean = java.lang.management.ManagementFactory.getThreadMXBean();
		while (System.nanoTime() < end)
		{
			Thread.sleep(Math.max(1, Math.min(resetEveryMs, (end - System.nanoTime()) / 1_000_000L)));
			gate.writeLock().lock();
			try
			{
				mxstandin.Runtime.reset();
				if (warmHeap < 0 && System.nanoTime() >= warmEnd)
				{
					warmHeap = heapAfterGc();
					warmCalls = total(calls);
					final Long c = factory.created();
					final Long d = factory.closed();
					warmCreated = c == null ? 0 : c.longValue();
					warmClosed = d == null ? 0 : d.longValue();
					measuredFrom = System.nanoTime();
				}
			}
			finally
			{
				gate.writeLock().unlock();
			}
		}
		stop.set(true);
		for (final Thread worker : workers)
			worker.join();
		final long measuredTo = System.nanoTime();
		sampler.join();
		mxstandin.Runtime.reset();
		final long endHeap = heapAfterGc();
		final long allCalls = total(calls);

		final StringBuilder json = new StringBuilder("{");
		field(json, "threads", threads, true);
		field(json, "credentialSets", credentialSets, false);
		field(json, "warmupMs", warmupMs, false);
		field(json, "measuredMs", (measuredTo - measuredFrom) / 1_000_000L, false);
		field(json, "calls", allCalls, false);
		field(json, "measuredCalls", allCalls - warmCalls, false);
		json.append(",\"throughputPerSecond\":").append(String.format(java.util.Locale.ROOT, "%.1f", (allCalls - warmCalls) / ((measuredTo - measuredFrom) / 1e9)));
		json.append(",\"byOperation\":{");
		for (int i = 0; i < OPERATIONS.length; i++)
		{
			key(json, OPERATIONS[i], i == 0);
			json.append("{\"calls\":").append(calls[i].get()).append(",\"meanMs\":");
			json.append(String.format(java.util.Locale.ROOT, "%.2f", calls[i].get() == 0 ? 0.0 : nanos[i].get() / 1e6 / calls[i].get())).append('}');
		}
		json.append('}');
		field(json, "serverFailed", failures.serverFailed.get(), false);
		field(json, "notServerFailed", failures.notServerFailed.get(), false);
		field(json, "incorrect", failures.incorrect.get(), false);
		json.append(",\"messages\":");
		failures.writeMessages(json);
		json.append(",\"maxCachedClients\":").append(factory.bound());
		json.append(",\"maxConnectionsPerClient\":").append(factory.maxConnectionsPerClient);
		json.append(",\"clientsCreated\":").append(factory.created());
		json.append(",\"clientsClosed\":").append(factory.closed());
		json.append(",\"clientsCreatedWhileMeasured\":").append(factory.created() == null ? null : Long.valueOf(factory.created().longValue() - warmCreated));
		json.append(",\"clientsClosedWhileMeasured\":").append(factory.closed() == null ? null : Long.valueOf(factory.closed().longValue() - warmClosed));
		json.append(",\"cachedAtEnd\":").append(factory.cached());
		synchronized (peaks)
		{
			field(json, "peakCachedClients", peaks[0], false);
			field(json, "peakOpenClients", peaks[1], false);
			field(json, "peakSockets", peaks[2], false);
		}
		field(json, "baselineSockets", baselineSockets, false);
		field(json, "socketsAtEnd", openSockets(), false);
		field(json, "peakThreads", threadBean.getPeakThreadCount(), false);
		field(json, "heapWarmBytes", warmHeap, false);
		field(json, "heapEndBytes", endHeap, false);
		field(json, "maxHeapBytes", Runtime.getRuntime().maxMemory(), false);
		return json.append('}').toString();
	}

	private static long total(AtomicLong[] counters)
	{
		long sum = 0;
		for (final AtomicLong c : counters)
			sum += c.get();
		return sum;
	}

	// ---- evict ----

	/** Result of one Invoke in the evict mode. */
	private static final class Outcome
	{
		volatile String error;
		volatile String payload;
		volatile long endedMs;
	}

	private static void invokeOnce(Setup setup, String accessKeyId, String function, String payload, Outcome outcome, long t0)
	{
		try
		{
			final IContext context = mxstandin.Runtime.newContext();
			final IMendixObject result = (IMendixObject) setup.run("Invoke", context, setup.credentials(context, accessKeyId), setup.invokeRequest(context, function, payload));
			outcome.payload = result.getValue(context, "Payload");
		}
		catch (Exception e)
		{
			outcome.error = describe(e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e);
		}
		outcome.endedMs = (System.nanoTime() - t0) / 1_000_000L;
	}

	private static String evict(Setup setup, Map<?, ?> config) throws Exception
	{
		final int holdMs = HarnessConfig.number(config, "holdMs");
		final int settleMs = HarnessConfig.number(config, "settleMs");
		final int overflowClients = HarnessConfig.number(config, "overflowClients");
		final int overflowThreads = HarnessConfig.number(config, "overflowThreads");
		final Factory factory = new Factory();
		final long t0 = System.nanoTime();

		// Warm up first, so that the holder's call is on the wire within settleMs.
		final Outcome warm = new Outcome();
		invokeOnce(setup, setup.keyPrefix + "WARM", setup.echoFunction, "{\"warm\":true}", warm, t0);

		// The holder's call is on the wire once its client has opened a connection: a new socket of this
		// JVM (the warm-up client keeps its idle one). Then settleMs for the request to go out.
		final int socketsBefore = openSockets();
		final Outcome holder = new Outcome();
		final long holderStartMs = (System.nanoTime() - t0) / 1_000_000L;
		final Thread holding = new Thread(() -> invokeOnce(setup, setup.keyPrefix + "HOLDER", setup.slowFunction, "{\"ms\":" + holdMs + "}", holder, t0), "holder");
		holding.start();
		final long connectDeadline = System.nanoTime() + 10_000_000_000L;
		while (openSockets() <= socketsBefore && holding.isAlive() && System.nanoTime() < connectDeadline)
			Thread.sleep(2);
		final long holderConnectedMs = (System.nanoTime() - t0) / 1_000_000L;
		Thread.sleep(settleMs);
		final Long createdBefore = factory.created();

		// Overflow: distinct credential sets, each a new client, from several threads at once.
		final long overflowStartMs = (System.nanoTime() - t0) / 1_000_000L;
		final AtomicLong next = new AtomicLong();
		final AtomicLong overflowFailed = new AtomicLong();
		final Map<String, Long> overflowErrors = new java.util.concurrent.ConcurrentHashMap<>();
		final List<Thread> overflow = new ArrayList<>();
		for (int t = 0; t < overflowThreads; t++)
		{
			final Thread thread = new Thread(() -> {
				long i;
				while ((i = next.getAndIncrement()) < overflowClients)
				{
					final Outcome o = new Outcome();
					final String id = "overflow-" + i;
					invokeOnce(setup, String.format(java.util.Locale.ROOT, "%sOVF%04d", setup.keyPrefix, i), setup.echoFunction, "{\"id\":\"" + id + "\"}", o, t0);
					if (o.error != null || o.payload == null || !o.payload.contains("\"" + id + "\""))
					{
						overflowFailed.incrementAndGet();
						overflowErrors.merge(String.valueOf(o.error), Long.valueOf(1), (a, b) -> Long.valueOf(a.longValue() + b.longValue()));
					}
				}
			}, "overflow-" + t);
			overflow.add(thread);
			thread.start();
		}
		for (final Thread thread : overflow)
			thread.join();
		final long overflowEndMs = (System.nanoTime() - t0) / 1_000_000L;
		final Long createdAfterOverflow = factory.created();
		final Long closedAfterOverflow = factory.closed();
		final Long cachedAfterOverflow = factory.cached();
		final boolean holderStillRunning = holding.isAlive();
		holding.join();
		final Long closedAfterHolder = factory.closed();

		final StringBuilder json = new StringBuilder("{");
		json.append("\"warmError\":");
		write(json, warm.error);
		json.append(",\"holder\":{\"error\":");
		write(json, holder.error);
		json.append(",\"payload\":");
		write(json, holder.payload);
		field(json, "startedMs", holderStartMs, false);
		field(json, "connectedMs", holderConnectedMs, false);
		field(json, "endedMs", holder.endedMs, false);
		json.append("},\"overflow\":{");
		field(json, "clients", overflowClients, true);
		field(json, "threads", overflowThreads, false);
		field(json, "failed", overflowFailed.get(), false);
		json.append(",\"errors\":{");
		boolean first = true;
		for (final Map.Entry<String, Long> e : overflowErrors.entrySet())
		{
			first = key(json, e.getKey(), first);
			json.append(e.getValue());
		}
		json.append('}');
		field(json, "startedMs", overflowStartMs, false);
		field(json, "endedMs", overflowEndMs, false);
		json.append("},\"holderStillRunningAfterOverflow\":").append(holderStillRunning);
		json.append(",\"maxCachedClients\":").append(factory.bound());
		json.append(",\"createdBeforeOverflow\":").append(createdBefore);
		json.append(",\"createdAfterOverflow\":").append(createdAfterOverflow);
		json.append(",\"closedAfterOverflow\":").append(closedAfterOverflow);
		json.append(",\"cachedAfterOverflow\":").append(cachedAfterOverflow);
		json.append(",\"closedAfterHolder\":").append(closedAfterHolder);
		return json.append('}').toString();
	}

	// ---- JSON output ----

	private static void field(StringBuilder json, String name, long value, boolean first)
	{
		key(json, name, first);
		json.append(value);
	}

	private static boolean key(StringBuilder json, String key, boolean first)
	{
		if (!first)
			json.append(',');
		write(json, key);
		json.append(':');
		return false;
	}

	private static void write(StringBuilder json, String value)
	{
		if (value == null)
		{
			json.append("null");
			return;
		}
		json.append('"');
		for (final char ch : value.toCharArray())
		{
			if (ch == '"' || ch == '\\')
				json.append('\\').append(ch);
			else if (ch < 0x20)
				json.append(String.format("\\u%04x", (int) ch));
			else
				json.append(ch);
		}
		json.append('"');
	}
}
