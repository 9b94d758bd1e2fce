// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md): the unchecked base exception.
package com.mendix.systemwideinterfaces;

public class MendixRuntimeException extends RuntimeException
{
	private static final long serialVersionUID = 1L;

	public MendixRuntimeException()
	{
		super();
	}

	public MendixRuntimeException(String message)
	{
		super(message);
	}

	public MendixRuntimeException(String message, Throwable cause)
	{
		super(message, cause);
	}

	public MendixRuntimeException(Throwable cause)
	{
		super(cause);
	}
}
