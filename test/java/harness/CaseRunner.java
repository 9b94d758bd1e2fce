// Runs generated Java actions on conformance cases read from a JSON file (args[0]), against the stub
// proxies and the fake AWS client, and prints one JSON line per case: the requests the client got, and
// the result object (with its associated objects) or the error message. IMPL_PACKAGE is replaced by
// the test before compiling.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

public final class CaseRunner
{
	public static void main(String[] args) throws Exception
	{
		final String input = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
		final StringBuilder out = new StringBuilder();
		for (final Object item : (List<?>) IMPL_PACKAGE.Json.parse(input))
		{
			out.append(runCase((Map<?, ?>) item)).append('\n');
			IMPL_PACKAGE.AwsClientFactory.closeAll();
		}
		System.out.print(out);
	}

	private static String runCase(Map<?, ?> c) throws Exception
	{
		stubruntime.StubObject.ALL.clear();
		stubruntime.ClientLog.BUILT.clear();
		stubruntime.FakeService.reset((List<?>) c.get("exchanges"));
		final com.mendix.systemwideinterfaces.core.IContext context = new com.mendix.systemwideinterfaces.core.IContext() {};
		final List<?> argSpecs = (List<?>) c.get("args");
		final Object[] actionArgs = new Object[argSpecs.size() + 1];
		actionArgs[0] = context;
		for (int i = 0; i < argSpecs.size(); i++)
			actionArgs[i + 1] = argument((Map<?, ?>) argSpecs.get(i));
		final java.lang.reflect.Constructor<?> constructor = Class.forName((String) c.get("actionClass")).getConstructors()[0];
		final int repeat = c.get("repeat") == null ? 1 : ((java.math.BigDecimal) c.get("repeat")).intValue();
		final StringBuilder json = new StringBuilder("{\"requests\":");
		Object result = null;
		String error = null;
		try
		{
			for (int i = 0; i < repeat; i++)
			{
				final com.mendix.systemwideinterfaces.core.UserAction<?> action = (com.mendix.systemwideinterfaces.core.UserAction<?>) constructor.newInstance(actionArgs);
				result = action.executeAction();
			}
		}
		catch (RuntimeException e)
		{
			error = e.getClass().getSimpleName() + ": " + e.getMessage();
			if (e instanceof IMPL_PACKAGE.ConnectorException)
				error = e.getMessage();
		}
		write(json, stubruntime.FakeService.REQUESTS);
		json.append(",\"clients\":");
		write(json, stubruntime.ClientLog.BUILT);
		json.append(",\"error\":");
		write(json, error);
		json.append(",\"result\":");
		if (result instanceof stubruntime.StubObject)
			writeObject(json, (stubruntime.StubObject) result, (List<?>) c.get("associations"));
		else
			write(json, result);
		return json.append('}').toString();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Object argument(Map<?, ?> spec) throws Exception
	{
		if (spec.get("value") == null)
			return null;
		if (spec.get("attributes") == null)
			return spec.get("value");
		final stubruntime.StubObject object = new stubruntime.StubObject((String) spec.get("entity"));
		for (final Object a : (List<?>) spec.get("attributes"))
		{
			final Map<?, ?> attribute = (Map<?, ?>) a;
			final Object value = attribute.get("value");
			final String name = (String) attribute.get("name");
			if (value == null)
			{
				object.set(name, null);
				continue;
			}
			switch ((String) attribute.get("type"))
			{
				case "Integer": object.set(name, Integer.valueOf(((java.math.BigDecimal) value).intValueExact())); break;
				case "Long": object.set(name, Long.valueOf(((java.math.BigDecimal) value).longValueExact())); break;
				case "DateTime": object.set(name, java.util.Date.from(java.time.Instant.parse((String) value))); break;
				case "Enumeration": object.set(name, Enum.valueOf((Class) Class.forName((String) attribute.get("enumClass")), (String) value)); break;
				default: object.set(name, value); break;
			}
		}
		return object;
	}

	private static void writeObject(StringBuilder json, stubruntime.StubObject object, List<?> associations)
	{
		json.append('{');
		boolean first = true;
		for (final Map.Entry<String, Object> entry : object.values().entrySet())
		{
			final Object value = entry.getValue();
			if (value == null || value instanceof stubruntime.StubObject || value instanceof List)
				continue;
			first = key(json, entry.getKey(), first);
			write(json, value);
		}
		if (associations != null)
		{
			for (final Object a : associations)
			{
				final Map<?, ?> association = (Map<?, ?>) a;
				final String name = (String) association.get("name");
				final java.util.List<stubruntime.StubObject> linked = new java.util.ArrayList<>();
				if (Boolean.TRUE.equals(association.get("childOwns")))
				{
					for (final stubruntime.StubObject other : stubruntime.StubObject.ALL)
						if (other.get(name) == object)
							linked.add(other);
				}
				else if (object.get(name) instanceof stubruntime.StubObject)
					linked.add((stubruntime.StubObject) object.get(name));
				first = key(json, name, first);
				if (Boolean.TRUE.equals(association.get("many")))
				{
					json.append('[');
					for (int i = 0; i < linked.size(); i++)
					{
						if (i > 0)
							json.append(',');
						writeObject(json, linked.get(i), null);
					}
					json.append(']');
				}
				else if (linked.isEmpty())
					json.append("null");
				else
					writeObject(json, linked.get(0), null);
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
		else if (value instanceof Enum)
			write(json, ((Enum<?>) value).name());
		else if (value instanceof java.util.Date)
			write(json, ((java.util.Date) value).toInstant().toString());
		else if (value instanceof software.amazon.awssdk.core.SdkBytes)
		{
			json.append("{\"$text\":");
			write(json, ((software.amazon.awssdk.core.SdkBytes) value).asUtf8String());
			json.append('}');
		}
		else if (value instanceof stubruntime.StubModel)
			write(json, ((stubruntime.StubModel) value).toMap());
		else if (value instanceof Map)
		{
			json.append('{');
			boolean first = true;
			for (final Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet())
			{
				first = key(json, String.valueOf(entry.getKey()), first);
				write(json, entry.getValue());
			}
			json.append('}');
		}
		else if (value instanceof List)
		{
			json.append('[');
			boolean first = true;
			for (final Object item : (List<?>) value)
			{
				if (!first)
					json.append(',');
				first = false;
				write(json, item);
			}
			json.append(']');
		}
		else
			write(json, value.toString());
	}
}
