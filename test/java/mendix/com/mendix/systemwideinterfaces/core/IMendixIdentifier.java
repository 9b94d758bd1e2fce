// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md).
package com.mendix.systemwideinterfaces.core;

public interface IMendixIdentifier
{
	/** The qualified name of the entity of the object. */
	String getObjectType();

	/** The numeric value of the identifier. */
	long toLong();

	/** The object, when the identifier carries it; the stand-in's identifiers never do (null). */
	IMendixObject getObject();
}
