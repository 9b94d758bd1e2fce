// A small JSON reader for the domain model file of the stand-in runtime: objects become LinkedHashMaps,
// arrays ArrayLists, numbers BigDecimals; anything malformed is an IllegalArgumentException.
package mxstandin;

final class Json
{
	private final String text;
	private int pos;

	private Json(String text)
	{
		this.text = text;
	}

	static Object parse(String text)
	{
		if (text == null)
			throw new IllegalArgumentException("JSON text is null");
		final Json reader = new Json(text);
		final Object value = reader.value();
		reader.skipSpace();
		if (reader.pos != text.length())
			throw reader.error("unexpected text after the value");
		return value;
	}

	private IllegalArgumentException error(String what)
	{
		return new IllegalArgumentException("Invalid JSON at offset " + pos + ": " + what);
	}

	private void skipSpace()
	{
		while (pos < text.length())
		{
			final char c = text.charAt(pos);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
				return;
			pos++;
		}
	}

	private Object value()
	{
		skipSpace();
		if (pos >= text.length())
			throw error("unexpected end");
		final char c = text.charAt(pos);
		switch (c)
		{
			case '{':
				return object();
			case '[':
				return array();
			case '"':
				return string();
			case 't':
				return literal("true", Boolean.TRUE);
			case 'f':
				return literal("false", Boolean.FALSE);
			case 'n':
				return literal("null", null);
			default:
				if (c == '-' || (c >= '0' && c <= '9'))
					return number();
				throw error("unexpected character '" + c + "'");
		}
	}

	private Object literal(String word, Object value)
	{
		if (!text.startsWith(word, pos))
			throw error("expected " + word);
		pos += word.length();
		return value;
	}

	private java.util.Map<String, Object> object()
	{
		final java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
		pos++;
		skipSpace();
		if (pos < text.length() && text.charAt(pos) == '}')
		{
			pos++;
			return map;
		}
		while (true)
		{
			skipSpace();
			if (pos >= text.length() || text.charAt(pos) != '"')
				throw error("expected a member name");
			final String key = string();
			if (map.containsKey(key))
				throw error("duplicate member \"" + key + "\"");
			skipSpace();
			expect(':');
			map.put(key, value());
			skipSpace();
			if (pos < text.length() && text.charAt(pos) == ',')
			{
				pos++;
				continue;
			}
			expect('}');
			return map;
		}
	}

	private java.util.List<Object> array()
	{
		final java.util.List<Object> list = new java.util.ArrayList<>();
		pos++;
		skipSpace();
		if (pos < text.length() && text.charAt(pos) == ']')
		{
			pos++;
			return list;
		}
		while (true)
		{
			list.add(value());
			skipSpace();
			if (pos < text.length() && text.charAt(pos) == ',')
			{
				pos++;
				continue;
			}
			expect(']');
			return list;
		}
	}

	private void expect(char c)
	{
		if (pos >= text.length() || text.charAt(pos) != c)
			throw error("expected '" + c + "'");
		pos++;
	}

	private String string()
	{
		pos++;
		final StringBuilder sb = new StringBuilder();
		while (true)
		{
			if (pos >= text.length())
				throw error("unterminated string");
			final char c = text.charAt(pos++);
			if (c == '"')
				return sb.toString();
			if (c < 0x20)
				throw error("control character in string");
			if (c != '\\')
			{
				sb.append(c);
				continue;
			}
			if (pos >= text.length())
				throw error("unterminated escape");
			final char e = text.charAt(pos++);
			switch (e)
			{
				case '"':
				case '\\':
				case '/':
					sb.append(e);
					break;
				case 'b':
					sb.append('\b');
					break;
				case 'f':
					sb.append('\f');
					break;
				case 'n':
					sb.append('\n');
					break;
				case 'r':
					sb.append('\r');
					break;
				case 't':
					sb.append('\t');
					break;
				case 'u':
					if (pos + 4 > text.length())
						throw error("short unicode escape");
					try
					{
						sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
					}
					catch (NumberFormatException ex)
					{
						throw error("bad unicode escape");
					}
					pos += 4;
					break;
				default:
					throw error("bad escape '\\" + e + "'");
			}
		}
	}

	private java.math.BigDecimal number()
	{
		final int start = pos;
		while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0)
			pos++;
		try
		{
			return new java.math.BigDecimal(text.substring(start, pos));
		}
		catch (NumberFormatException ex)
		{
			pos = start;
			throw error("bad number");
		}
	}
}
