// Test stub: just enough of the real API to compile the generated Java.
package software.amazon.awssdk.auth.credentials;
public final class AwsSessionCredentials implements AwsCredentials {
	private final String id; private final String secret; private final String token;
	private AwsSessionCredentials(String id, String secret, String token) { this.id = id; this.secret = secret; this.token = token; }
	public static AwsSessionCredentials create(String id, String secret, String token) { return new AwsSessionCredentials(id, secret, token); }
	public String accessKeyId() { return id; }
	public String secretAccessKey() { return secret; }
	public String sessionToken() { return token; }
}
