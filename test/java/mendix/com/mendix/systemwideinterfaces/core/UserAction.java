// Stand-in of the Mendix runtime API (test/java/MENDIX-STAND-INS.md): the base of Java actions.
package com.mendix.systemwideinterfaces.core;

public abstract class UserAction<R>
{
	private final IContext context;

	public UserAction(IContext context)
	{
		this.context = context;
	}

	/** The context the action was created with; set by the constructor, so usable in a subclass's. */
	public final IContext getContext()
	{
		return context;
	}

	public abstract R executeAction() throws Exception;
}
