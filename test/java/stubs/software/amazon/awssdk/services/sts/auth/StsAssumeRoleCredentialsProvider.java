// Test stub: just enough of the real API to compile and run the generated Java.
package software.amazon.awssdk.services.sts.auth;
public final class StsAssumeRoleCredentialsProvider implements software.amazon.awssdk.auth.credentials.AwsCredentialsProvider, AutoCloseable {
	private final String description;
	private StsAssumeRoleCredentialsProvider(String description) { this.description = description; }
	public static Builder builder() { return new Builder(); }
	public static final class Builder {
		private Object client; private Object request;
		public Builder stsClient(software.amazon.awssdk.services.sts.StsClient client) { this.client = client; return this; }
		public Builder refreshRequest(software.amazon.awssdk.services.sts.model.AssumeRoleRequest request) { this.request = request; return this; }
		public StsAssumeRoleCredentialsProvider build() { return new StsAssumeRoleCredentialsProvider("assumeRole(" + request + " via " + client + ")"); }
	}
	public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials() { throw new UnsupportedOperationException(); }
	public void close() {}
	@Override public String toString() { return description; }
}
