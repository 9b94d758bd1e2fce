// Test stub: the state of one Mendix object (attribute and association values by name), shared by all
// proxies of that object; every object created is registered so a test can find associated objects.
package stubruntime;

public final class StubObject implements com.mendix.systemwideinterfaces.core.IMendixObject
{
	public static final java.util.List<StubObject> ALL = new java.util.ArrayList<>();

	private final String entity;
	private final java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();

	public StubObject(String entity)
	{
		this.entity = entity;
		ALL.add(this);
	}

	public String entity()
	{
		return entity;
	}

	public Object get(String name)
	{
		return values.get(name);
	}

	public void set(String name, Object value)
	{
		values.put(name, value);
	}

	public java.util.Map<String, Object> values()
	{
		return values;
	}
}
