// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md).
package com.mendix.datastorage;

public interface XPathQueryBase
{
	java.util.List<com.mendix.systemwideinterfaces.core.IMendixObject> execute(com.mendix.systemwideinterfaces.core.IContext context);
}
