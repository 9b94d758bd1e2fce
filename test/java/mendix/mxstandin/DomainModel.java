// The domain model the stand-in runtime checks every object access against, read from the JSON of
// test/java/mendix-proxies.ts domainModelJson(): entities with generalizations and typed attributes,
// associations (Reference or ReferenceSet, owner Default or Both) and enumerations.
package mxstandin;

final class DomainModel
{
	static final java.util.List<String> ATTRIBUTE_TYPES = java.util.List.of("String", "Integer", "Long", "Decimal", "Boolean", "DateTime", "Enumeration");

	static final class Enumeration
	{
		final String name;
		final java.util.Set<String> values = new java.util.LinkedHashSet<>();

		Enumeration(String name)
		{
			this.name = name;
		}
	}

	static final class Attribute
	{
		final Entity entity;
		final String name;
		final String type;
		final Enumeration enumeration;
		/** The Java type of its values, found once: every setValue checks it. */
		final Class<?> javaType;

		Attribute(Entity entity, String name, String type, Enumeration enumeration)
		{
			this.entity = entity;
			this.name = name;
			this.type = type;
			this.enumeration = enumeration;
			this.javaType = javaType(type);
		}

		private static Class<?> javaType(String type)
		{
			switch (type)
			{
				case "String":
				case "Enumeration":
					return String.class;
				case "Integer":
					return Integer.class;
				case "Long":
					return Long.class;
				case "Decimal":
					return java.math.BigDecimal.class;
				case "Boolean":
					return Boolean.class;
				case "DateTime":
					return java.util.Date.class;
				default:
					throw new IllegalStateException(type);
			}
		}
	}

	static final class Entity
	{
		final String name;
		final String generalizationName;
		Entity generalization;
		final java.util.Map<String, Attribute> attributes = new java.util.LinkedHashMap<>();

		Entity(String name, String generalizationName)
		{
			this.name = name;
			this.generalizationName = generalizationName;
		}

		boolean isA(Entity other)
		{
			for (Entity e = this; e != null; e = e.generalization)
				if (e == other)
					return true;
			return false;
		}

		Attribute attribute(String name)
		{
			for (Entity e = this; e != null; e = e.generalization)
			{
				final Attribute a = e.attributes.get(name);
				if (a != null)
					return a;
			}
			return null;
		}
	}

	static final class Association
	{
		final String name;
		final Entity parent;
		final Entity child;
		final boolean referenceSet;
		final boolean ownerBoth;

		Association(String name, Entity parent, Entity child, boolean referenceSet, boolean ownerBoth)
		{
			this.name = name;
			this.parent = parent;
			this.child = child;
			this.referenceSet = referenceSet;
			this.ownerBoth = ownerBoth;
		}
	}

	/** One end of an association as seen from an object: from the parent (owner) or from the child. */
	static final class AssociationEnd
	{
		final Association association;
		final boolean fromParent;

		AssociationEnd(Association association, boolean fromParent)
		{
			this.association = association;
			this.fromParent = fromParent;
		}

		/** The entity whose objects this end refers to. */
		Entity target()
		{
			return fromParent ? association.child : association.parent;
		}

		/** Whether this end holds several objects: a reference set (either end, owner Both). */
		boolean many()
		{
			return association.referenceSet;
		}
	}

	final java.util.Map<String, Entity> entities = new java.util.LinkedHashMap<>();
	final java.util.Map<String, Association> associations = new java.util.LinkedHashMap<>();
	final java.util.Map<String, Enumeration> enumerations = new java.util.LinkedHashMap<>();

	private DomainModel()
	{
	}

	Entity entity(String name)
	{
		return name == null ? null : entities.get(name);
	}

	/**
	 * The association end an object of the entity reaches by the qualified association name, or null: the
	 * parent end always, the child end only when both ends own the association.
	 */
	AssociationEnd associationEnd(Entity entity, String name)
	{
		final Association a = associations.get(name);
		if (a == null)
			return null;
		if (entity.isA(a.parent))
			return new AssociationEnd(a, true);
		if (a.ownerBoth && entity.isA(a.child))
			return new AssociationEnd(a, false);
		return null;
	}

	// ---- reading ----

	private static IllegalArgumentException bad(String where, String what)
	{
		return new IllegalArgumentException("Domain model: " + where + ": " + what);
	}

	private static java.util.Map<String, Object> object(Object value, String where, java.util.Set<String> keys)
	{
		if (!(value instanceof java.util.Map))
			throw bad(where, "expected an object");
		final java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
		for (java.util.Map.Entry<?, ?> e : ((java.util.Map<?, ?>) value).entrySet())
		{
			final String key = (String) e.getKey();
			if (!keys.contains(key))
				throw bad(where, "unknown key \"" + key + "\" (allowed: " + keys + ")");
			map.put(key, e.getValue());
		}
		return map;
	}

	private static java.util.List<?> array(Object value, String where)
	{
		if (!(value instanceof java.util.List))
			throw bad(where, "expected an array");
		return (java.util.List<?>) value;
	}

	private static String string(Object value, String where)
	{
		if (!(value instanceof String) || ((String) value).isEmpty())
			throw bad(where, "expected a non-empty string");
		return (String) value;
	}

	private static String qualified(Object value, String where)
	{
		final String name = string(value, where);
		if (!name.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*"))
			throw bad(where, "\"" + name + "\" is not a qualified name Module.Name");
		return name;
	}

	static DomainModel parse(String json)
	{
		final DomainModel model = new DomainModel();
		final java.util.Map<String, Object> root = object(Json.parse(json), "root", java.util.Set.of("entities", "associations", "enumerations"));
		final Object enumerationList = root.get("enumerations");
		if (enumerationList != null)
			for (Object item : array(enumerationList, "enumerations"))
			{
				final java.util.Map<String, Object> e = object(item, "enumeration", java.util.Set.of("name", "values"));
				final String name = qualified(e.get("name"), "enumeration name");
				final Enumeration enumeration = new Enumeration(name);
				for (Object v : array(e.get("values"), "values of " + name))
					if (!enumeration.values.add(string(v, "value of " + name)))
						throw bad(name, "duplicate value \"" + v + "\"");
				if (model.enumerations.put(name, enumeration) != null)
					throw bad(name, "duplicate enumeration");
			}
		for (Object item : array(root.get("entities"), "entities"))
		{
			final java.util.Map<String, Object> e = object(item, "entity", java.util.Set.of("name", "generalization", "attributes"));
			final String name = qualified(e.get("name"), "entity name");
			final Object g = e.get("generalization");
			final Entity entity = new Entity(name, g == null ? null : qualified(g, "generalization of " + name));
			if (model.entities.put(name, entity) != null)
				throw bad(name, "duplicate entity");
			for (Object a : array(e.get("attributes"), "attributes of " + name))
			{
				final java.util.Map<String, Object> attribute = object(a, "attribute of " + name, java.util.Set.of("name", "type", "enumeration"));
				final String attributeName = string(attribute.get("name"), "attribute name of " + name);
				final String where = name + "." + attributeName;
				if (!attributeName.matches("[A-Za-z_][A-Za-z0-9_]*"))
					throw bad(where, "not a valid attribute name");
				final String type = string(attribute.get("type"), where + " type");
				if (!ATTRIBUTE_TYPES.contains(type))
					throw bad(where, "unknown type \"" + type + "\" (allowed: " + ATTRIBUTE_TYPES + ")");
				Enumeration enumeration = null;
				if (type.equals("Enumeration"))
				{
					final String enumerationName = qualified(attribute.get("enumeration"), where + " enumeration");
					enumeration = model.enumerations.get(enumerationName);
					if (enumeration == null)
						throw bad(where, "unknown enumeration " + enumerationName);
				}
				else if (attribute.get("enumeration") != null)
					throw bad(where, "only Enumeration attributes name an enumeration");
				if (entity.attributes.put(attributeName, new Attribute(entity, attributeName, type, enumeration)) != null)
					throw bad(where, "duplicate attribute");
			}
		}
		for (Entity entity : model.entities.values())
		{
			if (entity.generalizationName == null)
				continue;
			entity.generalization = model.entities.get(entity.generalizationName);
			if (entity.generalization == null)
				throw bad(entity.name, "unknown generalization " + entity.generalizationName);
		}
		for (Entity entity : model.entities.values())
		{
			final java.util.Set<Entity> seen = new java.util.HashSet<>();
			for (Entity e = entity; e != null; e = e.generalization)
				if (!seen.add(e))
					throw bad(entity.name, "its generalizations form a cycle");
			for (Entity e = entity.generalization; e != null; e = e.generalization)
				for (String attributeName : entity.attributes.keySet())
					if (e.attributes.containsKey(attributeName))
						throw bad(entity.name + "." + attributeName, "already inherited from " + e.name);
		}
		final Object associationList = root.get("associations");
		if (associationList != null)
			for (Object item : array(associationList, "associations"))
			{
				final java.util.Map<String, Object> a = object(item, "association", java.util.Set.of("name", "parent", "child", "type", "owner"));
				final String name = qualified(a.get("name"), "association name");
				final Entity parent = model.entities.get(qualified(a.get("parent"), name + " parent"));
				final Entity child = model.entities.get(qualified(a.get("child"), name + " child"));
				if (parent == null || child == null)
					throw bad(name, "unknown " + (parent == null ? "parent " + a.get("parent") : "child " + a.get("child")));
				final String type = string(a.get("type"), name + " type");
				if (!type.equals("Reference") && !type.equals("ReferenceSet"))
					throw bad(name, "type must be Reference or ReferenceSet, not \"" + type + "\"");
				final String owner = string(a.get("owner"), name + " owner");
				if (!owner.equals("Default") && !owner.equals("Both"))
					throw bad(name, "owner must be Default or Both, not \"" + owner + "\"");
				if (model.associations.put(name, new Association(name, parent, child, type.equals("ReferenceSet"), owner.equals("Both"))) != null)
					throw bad(name, "duplicate association");
			}
		return model;
	}
}
