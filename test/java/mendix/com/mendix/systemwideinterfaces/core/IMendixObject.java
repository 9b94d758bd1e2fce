// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md).
package com.mendix.systemwideinterfaces.core;

public interface IMendixObject
{
	/**
	 * The value of an attribute (by bare name) or association (by qualified name). Generic: the caller's
	 * target type decides T, so a wrong expectation fails with a ClassCastException where it is used.
	 */
	<T> T getValue(IContext context, String memberName);

	void setValue(IContext context, String memberName, Object value);

	IMendixIdentifier getId();

	/** The qualified name of the object's entity. */
	String getType();

	/** Whether the object's entity is the given entity or one of its specializations. */
	boolean isInstanceOf(String entityName);
}
