// Test stub: just enough of the real API to compile the generated Java.
package software.amazon.awssdk.auth.credentials;
public interface AwsCredentialsProvider { AwsCredentials resolveCredentials(); }
