// Test stub of the Mendix runtime class, just enough to compile the generated helpers.
package com.mendix.systemwideinterfaces;

public class MendixRuntimeException extends RuntimeException
{
	private static final long serialVersionUID = 1L;

	public MendixRuntimeException(String message, Throwable cause)
	{
		super(message, cause);
	}
}
