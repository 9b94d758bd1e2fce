import java.math.BigDecimal;
import java.util.Map;

/**
 * The benchmark and load harnesses' reading of their configuration (JSON read with the module's Json
 * helper): a value of the wrong type stops the run with the key named.
 */
final class HarnessConfig
{
	private HarnessConfig()
	{
	}

	static String text(Map<?, ?> config, String key)
	{
		final Object value = config.get(key);
		if (!(value instanceof String))
			throw new IllegalArgumentException("config." + key + " must be a string");
		return (String) value;
	}

	static int number(Map<?, ?> config, String key)
	{
		final Object value = config.get(key);
		if (!(value instanceof BigDecimal))
			throw new IllegalArgumentException("config." + key + " must be a number");
		return ((BigDecimal) value).intValueExact();
	}
}
