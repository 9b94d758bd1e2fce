// Test stub of the AWS SDK class (in the SDK, statusCode() and requestId() come from SdkServiceException).
package software.amazon.awssdk.awscore.exception;

public class AwsServiceException extends software.amazon.awssdk.core.exception.SdkException
{
	private static final long serialVersionUID = 1L;
	private final AwsErrorDetails details;
	private final int statusCode;
	private final String requestId;

	public AwsServiceException(AwsErrorDetails details, int statusCode, String requestId)
	{
		super("Service returned an error (Service: Lambda, Status Code: " + statusCode + ")");
		this.details = details;
		this.statusCode = statusCode;
		this.requestId = requestId;
	}

	public AwsErrorDetails awsErrorDetails()
	{
		return details;
	}

	public int statusCode()
	{
		return statusCode;
	}

	public String requestId()
	{
		return requestId;
	}
}
