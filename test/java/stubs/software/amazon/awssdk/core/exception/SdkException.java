// Test stub of the AWS SDK class.
package software.amazon.awssdk.core.exception;

public class SdkException extends RuntimeException
{
	private static final long serialVersionUID = 1L;

	public SdkException(String message)
	{
		super(message);
	}
}
