// A context of the stand-in runtime: a user or system (sudo) context, counting open transactions.
package mxstandin;

final class MxContext implements com.mendix.systemwideinterfaces.core.IContext
{
	private final boolean sudo;
	private int transactions;

	MxContext(boolean sudo)
	{
		this.sudo = sudo;
	}

	@Override
	public com.mendix.systemwideinterfaces.core.IContext createSudoClone()
	{
		return new MxContext(true);
	}

	@Override
	public com.mendix.systemwideinterfaces.core.IContext clone()
	{
		return new MxContext(sudo);
	}

	@Override
	public com.mendix.systemwideinterfaces.core.ISession getSession()
	{
		return null;
	}

	@Override
	public boolean isSudo()
	{
		return sudo;
	}

	@Override
	public void startTransaction()
	{
		transactions++;
	}

	@Override
	public void endTransaction()
	{
		if (transactions == 0)
			throw new com.mendix.systemwideinterfaces.MendixRuntimeException("endTransaction() without a transaction started on this context");
		transactions--;
	}

	@Override
	public String toString()
	{
		return sudo ? "system context" : "user context";
	}
}
