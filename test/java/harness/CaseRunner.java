// Runs generated Java actions on conformance cases, on the real AWS SDK for Java: the SDK's client
// sends its HTTP requests to a local HTTP server that answers each with the next response of the case
// (already encoded in the service's wire format by the test) and records what it received. Objects
// are created and read through the Mendix API stand-ins only (Core, IMendixObject), as a Mendix app
// would. Input: a JSON file (args[0]); output: one JSON line per case with the recorded HTTP requests
// and the result object (with its associated objects) or the error message. IMPL_PACKAGE is replaced
// by the test before compiling.
import com.mendix.core.Core;
import com.mendix.systemwideinterfaces.core.IContext;
import com.mendix.systemwideinterfaces.core.IMendixIdentifier;
import com.mendix.systemwideinterfaces.core.IMendixObject;
import com.mendix.systemwideinterfaces.core.UserAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

public final class CaseRunner
{
	/** The answers still to give in the current case, and the requests received so far. */
	private static final List<Map<?, ?>> ANSWERS = new ArrayList<>();
	private static final List<String> RECEIVED = new ArrayList<>();

	public static void main(String[] args) throws Exception
	{
		final Map<?, ?> input = (Map<?, ?>) IMPL_PACKAGE.Json.parse(new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8));
		mxstandin.Runtime.loadDomainModel((String) input.get("domainModel"));
		final com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", CaseRunner::answer);
		server.start();
		final String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
		final StringBuilder out = new StringBuilder();
		try
		{
			for (final Object item : (List<?>) input.get("cases"))
			{
				out.append(runCase((Map<?, ?>) item, endpoint)).append('\n');
				IMPL_PACKAGE.AwsClientFactory.closeAll();
			}
		}
		finally
		{
			server.stop(0);
		}
		// As UTF-8 bytes: System.out would turn every character outside its platform charset into '?'.
		System.out.write(out.toString().getBytes(StandardCharsets.UTF_8));
		System.out.flush();
	}

	/** Records the request, then answers with the case's next response (500 when there is none left). */
	private static void answer(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException
	{
		final byte[] body = exchange.getRequestBody().readAllBytes();
		final StringBuilder request = new StringBuilder("{\"method\":");
		write(request, exchange.getRequestMethod());
		request.append(",\"path\":");
		write(request, exchange.getRequestURI().getRawPath());
		request.append(",\"query\":");
		write(request, exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
		request.append(",\"headers\":{");
		boolean first = true;
		for (final Map.Entry<String, List<String>> header : new java.util.TreeMap<>(exchange.getRequestHeaders()).entrySet())
		{
			first = key(request, header.getKey().toLowerCase(java.util.Locale.ROOT), first);
			write(request, String.join(",", header.getValue()));
		}
		request.append("},\"body\":");
		write(request, Base64.getEncoder().encodeToString(body));
		request.append('}');
		final Map<?, ?> response;
		synchronized (ANSWERS)
		{
			RECEIVED.add(request.toString());
			response = ANSWERS.isEmpty() ? null : ANSWERS.remove(0);
		}
		if (response == null)
		{
			final byte[] text = "{\"message\":\"The test answered every exchange of the case already.\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(500, text.length);
			exchange.getResponseBody().write(text);
			exchange.close();
			return;
		}
		for (final Map.Entry<?, ?> header : ((Map<?, ?>) response.get("headers")).entrySet())
			exchange.getResponseHeaders().add((String) header.getKey(), (String) header.getValue());
		final byte[] answer = Base64.getDecoder().decode((String) response.get("body"));
		final int status = ((java.math.BigDecimal) response.get("status")).intValueExact();
		// 204 and 304 carry no body; -1 tells the server so.
		exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
		if (answer.length > 0)
			exchange.getResponseBody().write(answer);
		exchange.close();
	}

	private static String runCase(Map<?, ?> c, String endpoint) throws Exception
	{
		mxstandin.Runtime.reset();
		synchronized (ANSWERS)
		{
			ANSWERS.clear();
			RECEIVED.clear();
			for (final Object response : (List<?>) c.get("responses"))
				ANSWERS.add((Map<?, ?>) response);
		}
		final IContext context = mxstandin.Runtime.newContext();
		final List<?> argSpecs = (List<?>) c.get("args");
		final Object[] actionArgs = new Object[argSpecs.size() + 1];
		actionArgs[0] = context;
		for (int i = 0; i < argSpecs.size(); i++)
			actionArgs[i + 1] = argument(context, (Map<?, ?>) argSpecs.get(i), endpoint);
		final java.lang.reflect.Constructor<?> constructor = Class.forName((String) c.get("actionClass")).getConstructors()[0];
		final StringBuilder json = new StringBuilder("{\"requests\":[");
		final int repeat = c.get("repeat") == null ? 1 : ((java.math.BigDecimal) c.get("repeat")).intValueExact();
		final long clientsBefore = IMPL_PACKAGE.AwsClientFactory.clientsCreated();
		Object result = null;
		String error = null;
		try
		{
			for (int i = 0; i < repeat; i++)
			{
				final UserAction<?> action = (UserAction<?>) constructor.newInstance(actionArgs);
				result = action.executeAction();
			}
		}
		catch (RuntimeException e)
		{
			error = e.getClass().getSimpleName() + ": " + e.getMessage();
			if (e instanceof IMPL_PACKAGE.ConnectorException)
				error = e.getMessage();
		}
		synchronized (ANSWERS)
		{
			json.append(String.join(",", RECEIVED));
		}
		json.append("],\"clientsCreated\":").append(IMPL_PACKAGE.AwsClientFactory.clientsCreated() - clientsBefore);
		json.append(",\"error\":");
		write(json, error);
		json.append(",\"result\":");
		if (result instanceof IMendixObject)
			writeObject(json, context, (IMendixObject) result, (Map<?, ?>) c.get("entities"), (List<?>) c.get("associations"));
		else
			write(json, result);
		return json.append('}').toString();
	}

	/** An action argument: an object created through Core.instantiate with the given attribute values, or a plain value. */
	private static Object argument(IContext context, Map<?, ?> spec, String endpoint)
	{
		if (spec.get("value") == null)
			return null;
		if (spec.get("attributes") == null)
			return spec.get("value");
		return createObject(context, spec, endpoint);
	}

	/**
	 * An object with its attribute values, and the objects associated with it ("children": each with its
	 * association, which end stores it, and the objects), linked the way a microflow would link them.
	 */
	private static IMendixObject createObject(IContext context, Map<?, ?> spec, String endpoint)
	{
		final IMendixObject object = Core.instantiate(context, (String) spec.get("entity"));
		for (final Object a : (List<?>) spec.get("attributes"))
		{
			final Map<?, ?> attribute = (Map<?, ?>) a;
			Object value = attribute.get("value");
			final String name = (String) attribute.get("name");
			// The endpoint attribute points the SDK at this runner's server, unless the case sets it.
			if (value == null && Boolean.TRUE.equals(attribute.get("endpoint")))
				value = endpoint;
			if (value == null)
			{
				object.setValue(context, name, null);
				continue;
			}
			switch ((String) attribute.get("type"))
			{
				case "Integer": object.setValue(context, name, Integer.valueOf(((java.math.BigDecimal) value).intValueExact())); break;
				case "Long": object.setValue(context, name, Long.valueOf(((java.math.BigDecimal) value).longValueExact())); break;
				case "DateTime": object.setValue(context, name, java.util.Date.from(java.time.Instant.parse((String) value))); break;
				default: object.setValue(context, name, value); break;
			}
		}
		final List<?> children = (List<?>) spec.get("children");
		if (children == null)
			return object;
		for (final Object c : children)
		{
			final Map<?, ?> link = (Map<?, ?>) c;
			final String association = (String) link.get("association");
			final boolean childOwns = Boolean.TRUE.equals(link.get("childOwns"));
			final boolean referenceSet = Boolean.TRUE.equals(link.get("referenceSet"));
			final List<com.mendix.systemwideinterfaces.core.IMendixIdentifier> owned = new ArrayList<>();
			for (final Object o : (List<?>) link.get("objects"))
			{
				final IMendixObject child = createObject(context, (Map<?, ?>) o, endpoint);
				if (childOwns)
					child.setValue(context, association, referenceSet ? java.util.Collections.singletonList(object.getId()) : object.getId());
				else if (referenceSet)
					owned.add(child.getId());
				else
					object.setValue(context, association, child.getId());
			}
			if (!childOwns && referenceSet)
				object.setValue(context, association, owned);
		}
		return object;
	}

	/**
	 * The object's attributes (those of its entity, listed by the test) and, for the associations the
	 * test names, the objects on the other end, read with Core.retrieveByPath as a microflow would.
	 */
	private static void writeObject(StringBuilder json, IContext context, IMendixObject object, Map<?, ?> entities, List<?> associations)
	{
		json.append('{');
		boolean first = true;
		final List<?> attributes = (List<?>) entities.get(object.getType());
		if (attributes == null)
			throw new IllegalStateException("The test lists no attributes for entity " + object.getType());
		for (final Object name : attributes)
		{
			final Object value = object.getValue(context, (String) name);
			if (value == null)
				continue;
			first = key(json, (String) name, first);
			write(json, value);
		}
		if (associations != null)
		{
			for (final Object a : associations)
			{
				final Map<?, ?> association = (Map<?, ?>) a;
				final String name = (String) association.get("name");
				final List<IMendixObject> linked = Core.retrieveByPath(context, object, (String) association.get("qualifiedName"));
				first = key(json, name, first);
				if (Boolean.TRUE.equals(association.get("many")))
				{
					json.append('[');
					for (int i = 0; i < linked.size(); i++)
					{
						if (i > 0)
							json.append(',');
						writeObject(json, context, linked.get(i), entities, null);
					}
					json.append(']');
				}
				else if (linked.isEmpty())
					json.append("null");
				else
					writeObject(json, context, linked.get(0), entities, null);
			}
		}
		json.append('}');
	}

	private static boolean key(StringBuilder json, String key, boolean first)
	{
		if (!first)
			json.append(',');
		write(json, key);
		json.append(':');
		return false;
	}

	private static void write(StringBuilder json, Object value)
	{
		if (value == null)
			json.append("null");
		else if (value instanceof String)
		{
			json.append('"');
			for (final char ch : ((String) value).toCharArray())
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
		else if (value instanceof Number || value instanceof Boolean)
			json.append(value);
		else if (value instanceof java.util.Date)
			write(json, ((java.util.Date) value).toInstant().toString());
		else if (value instanceof IMendixIdentifier)
			throw new IllegalStateException("An association value was listed as an attribute");
		else
			write(json, value.toString());
	}
}
