// Test stub of the AWS SDK class.
package software.amazon.awssdk.awscore.exception;

public final class AwsErrorDetails
{
	private final String errorCode;
	private final String errorMessage;

	public AwsErrorDetails(String errorCode, String errorMessage)
	{
		this.errorCode = errorCode;
		this.errorMessage = errorMessage;
	}

	public String errorCode()
	{
		return errorCode;
	}

	public String errorMessage()
	{
		return errorMessage;
	}
}
