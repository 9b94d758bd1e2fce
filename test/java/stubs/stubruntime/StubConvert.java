// Test stub: converts values of the JSON read by the generated Json class into SDK model values.
package stubruntime;

public final class StubConvert
{
	private StubConvert()
	{
	}

	public static Integer number(Object value)
	{
		return value == null ? null : Integer.valueOf(((java.math.BigDecimal) value).intValueExact());
	}

	public static software.amazon.awssdk.core.SdkBytes bytes(Object value)
	{
		if (value == null)
			return null;
		final java.util.Map<?, ?> map = (java.util.Map<?, ?>) value;
		if (map.get("$text") != null)
			return software.amazon.awssdk.core.SdkBytes.fromUtf8String((String) map.get("$text"));
		return software.amazon.awssdk.core.SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode((String) map.get("$base64")));
	}

	public static <T> java.util.List<T> list(Object value, java.util.function.Function<Object, T> element)
	{
		if (value == null)
			return null;
		final java.util.List<T> out = new java.util.ArrayList<>();
		for (final Object item : (java.util.List<?>) value)
			out.add(element.apply(item));
		return out;
	}

	public static <T> java.util.Map<String, T> map(Object value, java.util.function.Function<Object, T> element)
	{
		if (value == null)
			return null;
		final java.util.Map<String, T> out = new java.util.LinkedHashMap<>();
		for (final java.util.Map.Entry<?, ?> entry : ((java.util.Map<?, ?>) value).entrySet())
			out.put((String) entry.getKey(), element.apply(entry.getValue()));
		return out;
	}

	public static java.util.Map<?, ?> object(Object value)
	{
		return (java.util.Map<?, ?>) value;
	}
}
