// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md): checked, so callers must handle it.
package com.mendix.core;

public class CoreException extends com.mendix.systemwideinterfaces.MendixException
{
	private static final long serialVersionUID = 1L;

	public CoreException()
	{
		super();
	}

	public CoreException(String message)
	{
		super(message);
	}

	public CoreException(String message, Throwable cause)
	{
		super(message, cause);
	}

	public CoreException(Throwable cause)
	{
		super(cause);
	}
}
