// Test stub: just enough of the real API to compile and run the generated Java.
package software.amazon.awssdk.awscore.retry;
public final class AwsRetryStrategy {
	public static software.amazon.awssdk.retries.StandardRetryStrategy standardRetryStrategy() { return strategy(3); }
	private static software.amazon.awssdk.retries.StandardRetryStrategy strategy(final int attempts) {
		return new software.amazon.awssdk.retries.StandardRetryStrategy() {
			public Builder toBuilder() {
				return new Builder() {
					private int n = attempts;
					public Builder maxAttempts(int maxAttempts) { n = maxAttempts; return this; }
					public software.amazon.awssdk.retries.StandardRetryStrategy build() { return strategy(n); }
				};
			}
			@Override public String toString() { return "maxAttempts=" + attempts; }
		};
	}
}
