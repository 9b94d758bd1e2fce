// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md).
package com.mendix.systemwideinterfaces.core;

public interface IContext
{
	/** A copy of this context without access restrictions. */
	IContext createSudoClone();

	/** A copy of this context. */
	IContext clone();

	/** The session of this context; the stand-in's contexts have none (null). */
	ISession getSession();

	boolean isSudo();

	void startTransaction();

	void endTransaction();
}
