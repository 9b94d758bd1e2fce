// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md): only named as IContext.getSession()'s
// type; none of its members is modelled, so code using them does not compile.
package com.mendix.systemwideinterfaces.core;

public interface ISession
{
}
