// The identifier of an object of the stand-in runtime: its number and entity; equal when the numbers are.
package mxstandin;

final class MxIdentifier implements com.mendix.systemwideinterfaces.core.IMendixIdentifier
{
	private final long id;
	private final String type;

	MxIdentifier(long id, String type)
	{
		this.id = id;
		this.type = type;
	}

	@Override
	public String getObjectType()
	{
		return type;
	}

	@Override
	public long toLong()
	{
		return id;
	}

	@Override
	public com.mendix.systemwideinterfaces.core.IMendixObject getObject()
	{
		return null;
	}

	@Override
	public boolean equals(Object other)
	{
		return other instanceof MxIdentifier && ((MxIdentifier) other).id == id;
	}

	@Override
	public int hashCode()
	{
		return Long.hashCode(id);
	}

	@Override
	public String toString()
	{
		return "ID_" + id;
	}
}
