// Test stub: plays the exchanges of one conformance case. Each call records the request it got and
// answers with the next exchange's response, or throws its AWS error.
package stubruntime;

public final class FakeService
{
	public static final java.util.List<Object> REQUESTS = new java.util.ArrayList<>();
	private static final java.util.ArrayDeque<java.util.Map<?, ?>> EXCHANGES = new java.util.ArrayDeque<>();

	private FakeService()
	{
	}

	public static void reset(java.util.List<?> exchanges)
	{
		REQUESTS.clear();
		EXCHANGES.clear();
		for (final Object exchange : exchanges)
			EXCHANGES.add((java.util.Map<?, ?>) exchange);
	}

	public static java.util.Map<?, ?> call(String operation, java.util.Map<String, Object> request)
	{
		REQUESTS.add(request);
		final java.util.Map<?, ?> exchange = EXCHANGES.poll();
		if (exchange == null)
			throw new IllegalStateException("unexpected call of " + operation);
		final java.util.Map<?, ?> error = (java.util.Map<?, ?>) exchange.get("error");
		if (error != null)
			throw new software.amazon.awssdk.awscore.exception.AwsServiceException(
				new software.amazon.awssdk.awscore.exception.AwsErrorDetails((String) error.get("code"), (String) error.get("message")),
				((java.math.BigDecimal) error.get("status")).intValue(), (String) error.get("requestId"));
		final Object response = exchange.get("response");
		return response == null ? new java.util.LinkedHashMap<String, Object>() : (java.util.Map<?, ?>) response;
	}
}
