// An object of the stand-in runtime. Its attribute values live here; association links live in Engine,
// so both ends of an association owned by both see the same link.
package mxstandin;

final class MxObject implements com.mendix.systemwideinterfaces.core.IMendixObject
{
	final DomainModel.Entity entity;
	final MxIdentifier id;
	final java.util.Map<String, Object> values = new java.util.HashMap<>();
	boolean committed;
	boolean deleted;

	MxObject(DomainModel.Entity entity, long id)
	{
		this.entity = entity;
		this.id = new MxIdentifier(id, entity.name);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getValue(com.mendix.systemwideinterfaces.core.IContext context, String memberName)
	{
		return (T) Engine.getValue(context, this, memberName);
	}

	@Override
	public void setValue(com.mendix.systemwideinterfaces.core.IContext context, String memberName, Object value)
	{
		Engine.setValue(context, this, memberName, value);
	}

	@Override
	public com.mendix.systemwideinterfaces.core.IMendixIdentifier getId()
	{
		return id;
	}

	@Override
	public String getType()
	{
		return entity.name;
	}

	@Override
	public boolean isInstanceOf(String entityName)
	{
		return entity.isA(Engine.knownEntity(entityName));
	}

	@Override
	public String toString()
	{
		return entity.name + "(" + id + ")";
	}
}
