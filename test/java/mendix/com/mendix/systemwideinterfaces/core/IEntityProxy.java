// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md). It declares no instance getType():
// the generated proxies declare a static getType(), which could not hide an instance method.
package com.mendix.systemwideinterfaces.core;

public interface IEntityProxy
{
	IMendixObject getMendixObject();

	IContext getContext();

	default void commit() throws com.mendix.core.CoreException
	{
		commit(getContext());
	}

	default void commit(IContext context) throws com.mendix.core.CoreException
	{
		com.mendix.core.Core.commit(context, getMendixObject());
	}

	default void delete()
	{
		delete(getContext());
	}

	default void delete(IContext context)
	{
		mxstandin.Engine.delete(context, getMendixObject());
	}
}
