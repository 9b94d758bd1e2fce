// Answers, for each line "<class> <method>" on standard input, what the public no-argument method of
// that name returns on that class, looking through List and Map to their innermost element or value
// type: "java.lang.Integer" for Integer, List<Integer> or Map<String, List<Integer>>. Unknown classes
// answer "!class", unknown methods "!method". Run with the real AWS SDK for Java jars on the
// classpath, it gives the number widths the JavaScript SDK's schemas do not carry.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

public final class NumberTypes
{
	public static void main(String[] args) throws Exception
	{
		final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		final StringBuilder out = new StringBuilder();
		for (String line = in.readLine(); line != null; line = in.readLine())
		{
			final String[] parts = line.trim().split(" ");
			if (parts.length != 2)
			{
				out.append("!input\n");
				continue;
			}
			final Class<?> type = load(parts[0]);
			if (type == null)
			{
				out.append("!class\n");
				continue;
			}
			final Method method;
			try
			{
				method = type.getMethod(parts[1]);
			}
			catch (NoSuchMethodException e)
			{
				out.append("!method\n");
				continue;
			}
			out.append(innermost(method.getGenericReturnType())).append('\n');
		}
		System.out.print(out);
	}

	// The last type argument is the element of a List and the value of a Map.
	private static String innermost(Type type)
	{
		if (type instanceof ParameterizedType)
		{
			final Type[] arguments = ((ParameterizedType) type).getActualTypeArguments();
			return innermost(arguments[arguments.length - 1]);
		}
		if (type instanceof Class)
			return ((Class<?>) type).getName();
		return type.getTypeName();
	}

	private static Class<?> load(String name)
	{
		try
		{
			// Not initialized: only the signatures are needed.
			return Class.forName(name, false, NumberTypes.class.getClassLoader());
		}
		catch (ClassNotFoundException e)
		{
			return null;
		}
	}
}
