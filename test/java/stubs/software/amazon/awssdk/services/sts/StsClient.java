// Test stub: just enough of the real API to compile and run the generated Java.
package software.amazon.awssdk.services.sts;
public interface StsClient extends AutoCloseable {
	static Builder builder() { return new Builder(); }
	void close();
	final class Builder {
		private String description = "";
		public Builder region(software.amazon.awssdk.regions.Region region) { description += region.id(); return this; }
		public Builder credentialsProvider(software.amazon.awssdk.auth.credentials.AwsCredentialsProvider provider) { description += "," + provider; return this; }
		public StsClient build() { final String d = description; return new StsClient() { public void close() {} @Override public String toString() { return "sts(" + d + ")"; } }; }
	}
}
