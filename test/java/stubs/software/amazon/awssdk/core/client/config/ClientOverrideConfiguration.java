// Test stub: just enough of the real API to compile and run the generated Java.
package software.amazon.awssdk.core.client.config;
public final class ClientOverrideConfiguration {
	private final String description;
	private ClientOverrideConfiguration(String description) { this.description = description; }
	public static Builder builder() { return new Builder(); }
	@Override public String toString() { return description; }
	public static final class Builder {
		private java.time.Duration timeout; private Object retry;
		public Builder apiCallTimeout(java.time.Duration timeout) { this.timeout = timeout; return this; }
		public Builder retryStrategy(software.amazon.awssdk.retries.api.RetryStrategy strategy) { this.retry = strategy; return this; }
		public ClientOverrideConfiguration build() { return new ClientOverrideConfiguration("timeout=" + timeout + ",retry=" + retry); }
	}
}
