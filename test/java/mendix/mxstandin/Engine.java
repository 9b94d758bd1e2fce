// The in-memory runtime behind the stand-in Mendix API (com.mendix.*). Public only because those classes
// live in other packages: tests use mxstandin.Runtime. Strict like the real runtime: unknown entities and
// members, and values of the wrong Java type, are MendixRuntimeExceptions naming what was wrong (never
// the value, which may be a secret).
package mxstandin;

import com.mendix.core.CoreException;
import com.mendix.systemwideinterfaces.MendixRuntimeException;
import com.mendix.systemwideinterfaces.core.IContext;
import com.mendix.systemwideinterfaces.core.IMendixIdentifier;
import com.mendix.systemwideinterfaces.core.IMendixObject;

public final class Engine
{
	private static DomainModel model;
	private static long nextId = 1;
	private static final java.util.Map<Long, MxObject> objects = new java.util.LinkedHashMap<>();
	/** Per association, its links as {parent id, child id}, in the order they were made. */
	private static final java.util.Map<String, Links> links = new java.util.HashMap<>();
	private static final java.util.List<String> logLines = new java.util.ArrayList<>();
	private static final java.util.Map<String, String> translations = new java.util.HashMap<>();

	private Engine()
	{
	}

	// ---- used by mxstandin.Runtime ----

	static synchronized void load(DomainModel newModel)
	{
		reset();
		model = newModel;
	}

	static synchronized void reset()
	{
		for (MxObject o : objects.values())
			o.deleted = true;
		objects.clear();
		links.clear();
		logLines.clear();
		translations.clear();
	}

	static synchronized java.util.List<String> logSnapshot()
	{
		return java.util.List.copyOf(logLines);
	}

	static synchronized void addTranslation(String languageCode, String key, String text)
	{
		translations.put(languageCode + "\n" + key, text);
	}

	static synchronized java.util.List<IMendixObject> objectsOf(String entityName)
	{
		final DomainModel.Entity entity = knownEntity(entityName);
		final java.util.List<IMendixObject> out = new java.util.ArrayList<>();
		for (MxObject o : objects.values())
			if (o.entity.isA(entity))
				out.add(o);
		return out;
	}

	static synchronized boolean isCommitted(IMendixObject object)
	{
		return alive(object, "isCommitted").committed;
	}

	// ---- checks ----

	private static DomainModel model()
	{
		if (model == null)
			throw new MendixRuntimeException("No domain model is loaded: call mxstandin.Runtime.loadDomainModel(json) first.");
		return model;
	}

	/** The entity of that qualified name; MendixRuntimeException when the domain model has none. */
	static synchronized DomainModel.Entity knownEntity(String entityName)
	{
		final DomainModel.Entity entity = model().entity(entityName);
		if (entity == null)
			throw new MendixRuntimeException("Unknown entity \"" + entityName + "\": the domain model has no entity of that name.");
		return entity;
	}

	private static void checkContext(IContext context, String what)
	{
		checkContext(context, what, null);
	}

	/**
	 * The checks run on every get and set of every member: their messages (`what`, or `what(member)`)
	 * are made only when a check fails.
	 */
	private static void checkContext(IContext context, String what, String member)
	{
		if (context == null)
			throw new MendixRuntimeException(described(what, member) + ": the context is null.");
	}

	private static String described(String what, String member)
	{
		return member == null ? what : what + "(" + member + ")";
	}

	private static MxObject alive(IMendixObject object, String what)
	{
		return alive(object, what, null);
	}

	private static MxObject alive(IMendixObject object, String what, String member)
	{
		if (object == null)
			throw new MendixRuntimeException(described(what, member) + ": the object is null.");
		if (!(object instanceof MxObject))
			throw new MendixRuntimeException(
				described(what, member) + ": " + object.getClass().getName() + " is not an object of the runtime (create objects with Core.instantiate).");
		final MxObject o = (MxObject) object;
		// An object leaves `objects` only through delete() and reset(), which mark it deleted: the flag
		// says what a lookup in `objects` would, without one on every get and set.
		if (o.deleted)
			throw new MendixRuntimeException(described(what, member) + ": the object " + o + " no longer exists (deleted, or the runtime was reset).");
		return o;
	}

	/**
	 * The links of one association, found from either end without going through all of them: a
	 * response with many objects links each to it, and every link made looks at the ones of its ends.
	 */
	private static final class Links
	{
		private final java.util.Map<Long, java.util.List<long[]>> byParent = new java.util.HashMap<>();
		private final java.util.Map<Long, java.util.List<long[]>> byChild = new java.util.HashMap<>();

		private java.util.Map<Long, java.util.List<long[]>> side(int end)
		{
			return end == 0 ? byParent : byChild;
		}

		/** The links of the object at that end (0 parent, 1 child), in the order they were made. */
		java.util.List<long[]> of(int end, long id)
		{
			return side(end).getOrDefault(id, java.util.List.of());
		}

		void add(long[] pair)
		{
			byParent.computeIfAbsent(pair[0], k -> new java.util.ArrayList<>()).add(pair);
			byChild.computeIfAbsent(pair[1], k -> new java.util.ArrayList<>()).add(pair);
		}

		/** Removes every link of the object at that end. */
		void removeAll(int end, long id)
		{
			final java.util.List<long[]> removed = side(end).remove(id);
			if (removed == null)
				return;
			for (long[] pair : removed)
			{
				final java.util.List<long[]> others = side(1 - end).get(pair[1 - end]);
				if (others == null)
					continue;
				others.remove(pair);
				if (others.isEmpty())
					side(1 - end).remove(pair[1 - end]);
			}
		}
	}

	private static String javaName(Object value)
	{
		return value == null ? "null" : value.getClass().getName();
	}

	private static String noMember(MxObject o, String memberName)
	{
		final StringBuilder sb = new StringBuilder("Entity \"" + o.entity.name + "\" has no member \"" + memberName + "\"");
		if (memberName != null && !memberName.contains("."))
			for (String a : model.associations.keySet())
				if (a.endsWith("." + memberName))
					sb.append(" (associations are named with their module: \"").append(a).append("\"");
		if (memberName != null && memberName.contains(".") && model.associations.containsKey(memberName))
		{
			final DomainModel.Association a = model.associations.get(memberName);
			sb.append(" (association ").append(a.name).append(" is stored by ").append(a.parent.name).append(a.ownerBoth ? " and " + a.child.name : " only").append(")");
		}
		return sb.append('.').toString();
	}

	// ---- objects ----

	public static synchronized IMendixObject instantiate(IContext context, String entityName)
	{
		checkContext(context, "Core.instantiate");
		final MxObject o = new MxObject(knownEntity(entityName), nextId++);
		objects.put(o.id.toLong(), o);
		return o;
	}

	public static synchronized IMendixObject retrieveId(IContext context, IMendixIdentifier id) throws CoreException
	{
		checkContext(context, "Core.retrieveId");
		if (id == null)
			throw new MendixRuntimeException("Core.retrieveId: the identifier is null.");
		final MxObject o = objects.get(id.toLong());
		if (o == null)
			throw new CoreException("Core.retrieveId: no object with identifier " + id.toLong() + " exists.");
		return o;
	}

	public static synchronized java.util.List<IMendixObject> retrieveIdList(IContext context, java.util.List<IMendixIdentifier> ids) throws CoreException
	{
		checkContext(context, "Core.retrieveIdList");
		if (ids == null)
			throw new MendixRuntimeException("Core.retrieveIdList: the list of identifiers is null.");
		final java.util.List<IMendixObject> out = new java.util.ArrayList<>();
		for (IMendixIdentifier id : ids)
			out.add(retrieveId(context, id));
		return out;
	}

	public static synchronized IMendixObject commit(IContext context, IMendixObject object) throws CoreException
	{
		checkContext(context, "Core.commit");
		if (object instanceof MxObject && ((MxObject) object).deleted)
			throw new CoreException("Core.commit: the object " + object + " was deleted.");
		alive(object, "Core.commit").committed = true;
		return object;
	}

	public static synchronized void delete(IContext context, IMendixObject object)
	{
		checkContext(context, "delete");
		final MxObject o = alive(object, "delete");
		o.deleted = true;
		objects.remove(o.id.toLong());
		final long id = o.id.toLong();
		for (Links pairs : links.values())
		{
			pairs.removeAll(0, id);
			pairs.removeAll(1, id);
		}
	}

	public static synchronized boolean isSubClassOf(String superClass, String type)
	{
		return knownEntity(type).isA(knownEntity(superClass));
	}

	public static IContext newContext(boolean sudo)
	{
		return new MxContext(sudo);
	}

	// ---- members ----

	static synchronized Object getValue(IContext context, MxObject o, String memberName)
	{
		checkContext(context, "getValue", memberName);
		alive(o, "getValue", memberName);
		if (memberName == null)
			throw new MendixRuntimeException("getValue: the member name is null.");
		// Attribute names have no dot (DomainModel refuses them), so a qualified association name finds none.
		final DomainModel.Attribute attribute = o.entity.attribute(memberName);
		if (attribute != null)
			return o.values.get(memberName);
		final DomainModel.AssociationEnd end = model.associationEnd(o.entity, memberName);
		if (end == null)
			throw new MendixRuntimeException(noMember(o, memberName));
		final java.util.List<MxIdentifier> ids = linked(o, end);
		if (end.many())
			return ids.isEmpty() ? null : new java.util.ArrayList<IMendixIdentifier>(ids);
		return ids.isEmpty() ? null : ids.get(ids.size() - 1);
	}

	private static java.util.List<MxIdentifier> linked(MxObject o, DomainModel.AssociationEnd end)
	{
		final java.util.List<MxIdentifier> out = new java.util.ArrayList<>();
		final Links pairs = links.get(end.association.name);
		if (pairs == null)
			return out;
		for (long[] p : pairs.of(end.fromParent ? 0 : 1, o.id.toLong()))
			out.add(objects.get(p[end.fromParent ? 1 : 0]).id);
		return out;
	}

	static synchronized void setValue(IContext context, MxObject o, String memberName, Object value)
	{
		checkContext(context, "setValue", memberName);
		alive(o, "setValue", memberName);
		if (memberName == null)
			throw new MendixRuntimeException("setValue: the member name is null.");
		// Attribute names have no dot (DomainModel refuses them), so a qualified association name finds none.
		final DomainModel.Attribute attribute = o.entity.attribute(memberName);
		if (attribute != null)
		{
			checkAttributeValue(attribute, value);
			o.values.put(memberName, value);
			return;
		}
		final DomainModel.AssociationEnd end = model.associationEnd(o.entity, memberName);
		if (end == null)
			throw new MendixRuntimeException(noMember(o, memberName));
		final java.util.List<MxObject> targets = new java.util.ArrayList<>();
		if (end.many())
		{
			if (!(value instanceof java.util.List))
				throw new MendixRuntimeException(where(o, memberName) + " is a reference set and takes a java.util.List<IMendixIdentifier>, not " + javaName(value) + ".");
			for (Object item : (java.util.List<?>) value)
				targets.add(target(o, memberName, end, item));
		}
		else if (value != null)
			targets.add(target(o, memberName, end, value));
		final Links pairs = links.computeIfAbsent(end.association.name, k -> new Links());
		final long id = o.id.toLong();
		final int self = end.fromParent ? 0 : 1;
		pairs.removeAll(self, id);
		for (MxObject t : targets)
		{
			final long other = t.id.toLong();
			// A reference owned by both ends is one-to-one: the target leaves its previous partner.
			if (!end.many() && end.association.ownerBoth)
				pairs.removeAll(1 - self, other);
			if (!linkedTo(pairs.of(self, id), 1 - self, other))
				pairs.add(end.fromParent ? new long[] { id, other } : new long[] { other, id });
		}
	}

	/** Whether one of the links has `other` at that end (0 parent, 1 child). */
	private static boolean linkedTo(java.util.List<long[]> pairs, int end, long other)
	{
		for (long[] p : pairs)
			if (p[end] == other)
				return true;
		return false;
	}

	/** The start of the messages about setting an association: made only when one is thrown. */
	private static String where(MxObject o, String memberName)
	{
		return "Association " + memberName + " of " + o.entity.name;
	}

	private static MxObject target(MxObject o, String memberName, DomainModel.AssociationEnd end, Object item)
	{
		if (!(item instanceof IMendixIdentifier))
			throw new MendixRuntimeException(where(o, memberName) + " takes identifiers (IMendixIdentifier), not " + javaName(item) + ".");
		final MxObject t = objects.get(((IMendixIdentifier) item).toLong());
		if (t == null)
			throw new MendixRuntimeException(where(o, memberName) + ": no object with identifier " + ((IMendixIdentifier) item).toLong() + " exists.");
		if (!t.entity.isA(end.target()))
			throw new MendixRuntimeException(where(o, memberName) + " refers to " + end.target().name + ", not to " + t.entity.name + ".");
		return t;
	}

	private static void checkAttributeValue(DomainModel.Attribute attribute, Object value)
	{
		if (value == null)
			return;
		final Class<?> expected = attribute.javaType;
		if (!expected.isInstance(value))
			throw new MendixRuntimeException(describe(attribute) + " takes a " + expected.getName() + ", not a " + javaName(value) + ".");
		if (attribute.enumeration != null && !attribute.enumeration.values.contains(value))
			throw new MendixRuntimeException(
				describe(attribute) + " takes the name of a value of " + attribute.enumeration.name + " " + attribute.enumeration.values + ", not \"" + value + "\".");
	}

	private static String describe(DomainModel.Attribute attribute)
	{
		return "Attribute " + attribute.entity.name + "." + attribute.name + " (" + attribute.type + ")";
	}

	// ---- retrieval by association and XPath ----

	public static synchronized java.util.List<IMendixObject> retrieveByPath(IContext context, IMendixObject object, String path)
	{
		checkContext(context, "Core.retrieveByPath");
		final MxObject o = alive(object, "Core.retrieveByPath(" + path + ")");
		final DomainModel.Association a = path == null ? null : model().associations.get(path);
		if (a == null)
			throw new MendixRuntimeException("Core.retrieveByPath: unknown association \"" + path + "\" (give the qualified association name).");
		final boolean fromParent;
		if (o.entity.isA(a.parent))
			fromParent = true;
		else if (o.entity.isA(a.child))
			fromParent = false;
		else
			throw new MendixRuntimeException("Core.retrieveByPath: association " + a.name + " connects " + a.parent.name + " and " + a.child.name + ", not " + o.entity.name + ".");
		final java.util.List<IMendixObject> out = new java.util.ArrayList<>();
		for (MxIdentifier id : linked(o, new DomainModel.AssociationEnd(a, fromParent)))
			out.add(objects.get(id.toLong()));
		return out;
	}

	public static com.mendix.datastorage.XPathQuery xpathQuery(String xpath)
	{
		if (xpath == null || !xpath.startsWith("//"))
			throw new MendixRuntimeException("Core.createXPathQuery: \"" + xpath + "\" does not start with //Module.Entity.");
		return context -> {
			checkContext(context, "XPathQuery.execute");
			final String rest = xpath.substring(2);
			if (!rest.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*"))
				throw new MendixRuntimeException("XPath \"" + xpath + "\": the stand-in runtime evaluates only //Module.Entity without constraints.");
			return objectsOf(rest);
		};
	}

	// ---- i18n and logging ----

	public static synchronized String translation(String languageCode, String key)
	{
		if (languageCode == null || key == null)
			throw new MendixRuntimeException("Core.getInternationalizedString: language code and key are required.");
		return translations.getOrDefault(languageCode + "\n" + key, "");
	}

	public static com.mendix.logging.ILogNode logger(String name)
	{
		if (name == null)
			throw new MendixRuntimeException("Core.getLogger: the log node name is null.");
		return new LogNode(name);
	}

	static synchronized void log(String level, String node, Object message, Throwable cause)
	{
		final StringBuilder line = new StringBuilder(level).append(' ').append(node).append(": ");
		if (message != null || cause == null)
			line.append(message);
		if (cause != null)
			line.append(message != null ? " | " : "").append(cause);
		logLines.add(line.toString());
	}
}
