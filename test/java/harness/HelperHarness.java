// Runs the generated helper classes (on the real AWS SDK jars) on checks read from a JSON file (args[0]) and prints one result
// line per check: "V:<base64 of the value>", "N:" for null, or "E:<base64 of the error message>".
// Placeholders IMPL_PACKAGE are replaced by the test before compiling.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.Map;

public final class HelperHarness
{
	public static void main(String[] args) throws Exception
	{
		final String input = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
		final List<?> checks = (List<?>) IMPL_PACKAGE.Json.parse(input);
		final StringBuilder out = new StringBuilder();
		for (final Object item : checks)
		{
			final Map<?, ?> check = (Map<?, ?>) item;
			try
			{
				final String value = run(check);
				out.append(value == null ? "N:" : "V:" + encode(value)).append('\n');
			}
			catch (RuntimeException e)
			{
				out.append("E:").append(encode(String.valueOf(e.getMessage()))).append('\n');
			}
		}
		System.out.print(out);
	}

	private static String run(Map<?, ?> check)
	{
		final String kind = (String) check.get("kind");
		final String op = (String) check.get("operation");
		final String attribute = (String) check.get("attribute");
		final String text = (String) check.get("text");
		final long maxBytes = check.get("maxBytes") == null ? -1L : ((java.math.BigDecimal) check.get("maxBytes")).longValue();
		switch (kind)
		{
			case "jsonPayload":
			{
				final byte[] bytes = IMPL_PACKAGE.RequestMapping.jsonPayload(op, attribute, text, maxBytes);
				return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
			}
			case "base64Json":
				return IMPL_PACKAGE.RequestMapping.base64Json(op, attribute, text, maxBytes);
			case "payloadLimit":
			{
				final List<?> names = (List<?>) check.get("names");
				final List<?> limits = (List<?>) check.get("limits");
				final String[] nameArray = new String[names.size()];
				final long[] limitArray = new long[limits.size()];
				for (int i = 0; i < nameArray.length; i++)
				{
					nameArray[i] = (String) names.get(i);
					limitArray[i] = ((java.math.BigDecimal) limits.get(i)).longValue();
				}
				IMPL_PACKAGE.RequestMapping.checkPayloadLimit(op, attribute, text, (String) check.get("byAttribute"), (String) check.get("value"), nameArray, limitArray);
				return "passed";
			}
			case "utf8Text":
				return IMPL_PACKAGE.ResponseMapping.utf8Text(text == null ? null : software.amazon.awssdk.core.SdkBytes.fromUtf8String(text));
			case "base64Text":
				return IMPL_PACKAGE.ResponseMapping.base64Text(text);
			case "timestamp":
			{
				final java.util.Date date = IMPL_PACKAGE.ResponseMapping.timestamp(text);
				return date == null ? null : date.toInstant().toString();
			}
			case "joinList":
				return IMPL_PACKAGE.ResponseMapping.joinList((List<?>) check.get("items"));
			case "awsError":
			{
				// Built as the SDK's unmarshallers build it: error details, HTTP status and request ID.
				final software.amazon.awssdk.awscore.exception.AwsServiceException e = software.amazon.awssdk.awscore.exception.AwsServiceException.builder()
					.awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
						.errorCode((String) check.get("code"))
						.errorMessage((String) check.get("message"))
						.build())
					.statusCode(((java.math.BigDecimal) check.get("status")).intValue())
					.requestId((String) check.get("requestId"))
					.message((String) check.get("message"))
					.build();
				throw IMPL_PACKAGE.ConnectorException.awsFailure(op, e);
			}
			case "functionError":
				throw IMPL_PACKAGE.ConnectorException.functionError(op, (String) check.get("functionError"), text);
			case "json":
				IMPL_PACKAGE.Json.parse(text);
				return "valid";
			default:
				throw new IllegalArgumentException("unknown check " + kind);
		}
	}

	private static String encode(String value)
	{
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}
}
