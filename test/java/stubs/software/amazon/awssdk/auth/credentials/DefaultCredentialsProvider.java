// Test stub: just enough of the real API to compile and run the generated Java.
package software.amazon.awssdk.auth.credentials;
public final class DefaultCredentialsProvider implements AwsCredentialsProvider, AutoCloseable {
	public static Builder builder() { return new Builder(); }
	public static final class Builder { public DefaultCredentialsProvider build() { return new DefaultCredentialsProvider(); } }
	public AwsCredentials resolveCredentials() { throw new UnsupportedOperationException(); }
	public void close() {}
	@Override public String toString() { return "default"; }
}
