// Answers, for each line "class <name>" or "method <class> <name>" on standard input, whether the
// classpath has that class, or a public method of that name on that class: "yes" or "no" per line.
// Run with the real AWS SDK jars on the classpath, it proves the names the Java generator derives.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

public final class ClassProbe
{
	public static void main(String[] args) throws Exception
	{
		final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		final StringBuilder out = new StringBuilder();
		for (String line = in.readLine(); line != null; line = in.readLine())
		{
			final String[] parts = line.trim().split(" ");
			if (parts.length < 2)
				continue;
			final Class<?> type = load(parts[1]);
			boolean found = type != null;
			if (found && parts[0].equals("method"))
			{
				found = false;
				for (final Method m : type.getMethods())
					found |= m.getName().equals(parts[2]);
			}
			out.append(found ? "yes" : "no").append('\n');
		}
		System.out.print(out);
	}

	private static Class<?> load(String name)
	{
		try
		{
			return Class.forName(name, false, ClassProbe.class.getClassLoader());
		}
		catch (ClassNotFoundException e)
		{
			return null;
		}
	}
}
