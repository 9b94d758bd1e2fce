// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md): the static entry point, backed by the
// in-memory runtime of package mxstandin.
package com.mendix.core;

import com.mendix.systemwideinterfaces.core.IContext;
import com.mendix.systemwideinterfaces.core.IMendixIdentifier;
import com.mendix.systemwideinterfaces.core.IMendixObject;

public final class Core
{
	private Core()
	{
	}

	public static com.mendix.logging.ILogNode getLogger(String name)
	{
		return mxstandin.Engine.logger(name);
	}

	/** A new object of the entity; MendixRuntimeException when the domain model has no such entity. */
	public static IMendixObject instantiate(IContext context, String objectType)
	{
		return mxstandin.Engine.instantiate(context, objectType);
	}

	public static IMendixObject retrieveId(IContext context, IMendixIdentifier id) throws CoreException
	{
		return mxstandin.Engine.retrieveId(context, id);
	}

	public static java.util.List<IMendixObject> retrieveIdList(IContext context, java.util.List<IMendixIdentifier> ids) throws CoreException
	{
		return mxstandin.Engine.retrieveIdList(context, ids);
	}

	/** The objects at the other end of the association (qualified name), from either end. */
	public static java.util.List<IMendixObject> retrieveByPath(IContext context, IMendixObject mxObject, String path)
	{
		return mxstandin.Engine.retrieveByPath(context, mxObject, path);
	}

	public static IMendixObject commit(IContext context, IMendixObject object) throws CoreException
	{
		return mxstandin.Engine.commit(context, object);
	}

	public static IContext createSystemContext()
	{
		return mxstandin.Engine.newContext(true);
	}

	public static String getInternationalizedString(String languageCode, String key)
	{
		return mxstandin.Engine.translation(languageCode, key);
	}

	/** Whether type is superClass or one of its specializations. */
	public static boolean isSubClassOf(String superClass, String type)
	{
		return mxstandin.Engine.isSubClassOf(superClass, type);
	}

	public static com.mendix.datastorage.XPathQuery createXPathQuery(String xpathQuery)
	{
		return mxstandin.Engine.xpathQuery(xpathQuery);
	}
}
