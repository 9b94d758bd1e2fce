// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md): the checked base exception.
package com.mendix.systemwideinterfaces;

public class MendixException extends Exception
{
	private static final long serialVersionUID = 1L;

	public MendixException()
	{
		super();
	}

	public MendixException(String message)
	{
		super(message);
	}

	public MendixException(String message, Throwable cause)
	{
		super(message, cause);
	}

	public MendixException(Throwable cause)
	{
		super(cause);
	}
}
