// Test stub: just enough of the real API to compile the generated Java.
package software.amazon.awssdk.retries;
public interface StandardRetryStrategy extends software.amazon.awssdk.retries.api.RetryStrategy {
	Builder toBuilder();
	interface Builder { Builder maxAttempts(int maxAttempts); StandardRetryStrategy build(); }
}
