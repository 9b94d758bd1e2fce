// Test stub: just enough of the real API to compile and run the generated Java.
package software.amazon.awssdk.auth.credentials;
public final class StaticCredentialsProvider implements AwsCredentialsProvider {
	private final AwsCredentials credentials;
	private StaticCredentialsProvider(AwsCredentials credentials) { this.credentials = credentials; }
	public static StaticCredentialsProvider create(AwsCredentials credentials) { return new StaticCredentialsProvider(credentials); }
	public AwsCredentials resolveCredentials() { return credentials; }
	@Override public String toString() { return "static(" + credentials.accessKeyId() + (credentials instanceof AwsSessionCredentials ? ",session" : "") + ")"; }
}
