// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md).
package com.mendix.core;

public class CoreRuntimeException extends com.mendix.systemwideinterfaces.MendixRuntimeException
{
	private static final long serialVersionUID = 1L;

	public CoreRuntimeException(String message)
	{
		super(message);
	}

	public CoreRuntimeException(String message, Throwable cause)
	{
		super(message, cause);
	}

	public CoreRuntimeException(Throwable cause)
	{
		super(cause);
	}
}
