// Test stub: just enough of the real API to compile the generated Java.
package software.amazon.awssdk.auth.credentials;
public final class AwsBasicCredentials implements AwsCredentials {
	private final String id; private final String secret;
	private AwsBasicCredentials(String id, String secret) { this.id = id; this.secret = secret; }
	public static AwsBasicCredentials create(String id, String secret) { return new AwsBasicCredentials(id, secret); }
	public String accessKeyId() { return id; }
	public String secretAccessKey() { return secret; }
}
