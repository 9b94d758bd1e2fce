// Test stub of the AWS SDK class, just enough to compile and run the generated helpers.
package software.amazon.awssdk.core;

public final class SdkBytes
{
	private final byte[] bytes;

	private SdkBytes(byte[] bytes)
	{
		this.bytes = bytes.clone();
	}

	public static SdkBytes fromByteArray(byte[] bytes)
	{
		return new SdkBytes(bytes);
	}

	public static SdkBytes fromUtf8String(String text)
	{
		return new SdkBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	public byte[] asByteArray()
	{
		return bytes.clone();
	}

	public String asUtf8String()
	{
		return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
	}
}
