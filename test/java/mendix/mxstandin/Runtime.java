// The test-facing side of the stand-in Mendix runtime: load a domain model, make contexts, inspect what
// the code under test created and logged. See test/java/MENDIX-STAND-INS.md.
package mxstandin;

public final class Runtime
{
	private Runtime()
	{
	}

	/**
	 * Replaces the domain model (JSON of test/java/mendix-proxies.ts domainModelJson()) and resets the
	 * runtime. Malformed or inconsistent models are IllegalArgumentExceptions.
	 */
	public static void loadDomainModel(String json)
	{
		Engine.load(DomainModel.parse(json));
	}

	/** A new user (non-sudo) context. Core.createSystemContext() gives a sudo one. */
	public static com.mendix.systemwideinterfaces.core.IContext newContext()
	{
		return Engine.newContext(false);
	}

	/** Forgets every object (they count as deleted from now on), link, log line and translation. */
	public static void reset()
	{
		Engine.reset();
	}

	/** Every line logged through Core.getLogger nodes since the last reset, as "LEVEL node: message". */
	public static java.util.List<String> logLines()
	{
		return Engine.logSnapshot();
	}

	/** Makes Core.getInternationalizedString(languageCode, key) return text (until the next reset). */
	public static void addTranslation(String languageCode, String key, String text)
	{
		Engine.addTranslation(languageCode, key, text);
	}

	/** The existing objects of the entity or its specializations, in creation order. */
	public static java.util.List<com.mendix.systemwideinterfaces.core.IMendixObject> objects(String entityName)
	{
		return Engine.objectsOf(entityName);
	}

	/** Whether Core.commit (or a proxy's commit) was called on the object. */
	public static boolean isCommitted(com.mendix.systemwideinterfaces.core.IMendixObject object)
	{
		return Engine.isCommitted(object);
	}
}
