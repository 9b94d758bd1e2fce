// A log node of the stand-in runtime: every message goes to Runtime.logLines() as "LEVEL node: message".
package mxstandin;

final class LogNode implements com.mendix.logging.ILogNode
{
	private final String name;

	LogNode(String name)
	{
		this.name = name;
	}

	private void log(String level, Object message, Throwable cause)
	{
		Engine.log(level, name, message, cause);
	}

	@Override
	public void critical(Object message)
	{
		log("CRITICAL", message, null);
	}

	@Override
	public void critical(Object message, Throwable cause)
	{
		log("CRITICAL", message, cause);
	}

	@Override
	public void critical(Throwable cause)
	{
		log("CRITICAL", null, cause);
	}

	@Override
	public void error(Object message)
	{
		log("ERROR", message, null);
	}

	@Override
	public void error(Object message, Throwable cause)
	{
		log("ERROR", message, cause);
	}

	@Override
	public void error(Throwable cause)
	{
		log("ERROR", null, cause);
	}

	@Override
	public void warn(Object message)
	{
		log("WARN", message, null);
	}

	@Override
	public void warn(Object message, Throwable cause)
	{
		log("WARN", message, cause);
	}

	@Override
	public void warn(Throwable cause)
	{
		log("WARN", null, cause);
	}

	@Override
	public void info(Object message)
	{
		log("INFO", message, null);
	}

	@Override
	public void info(Object message, Throwable cause)
	{
		log("INFO", message, cause);
	}

	@Override
	public void info(Throwable cause)
	{
		log("INFO", null, cause);
	}

	@Override
	public void debug(Object message)
	{
		log("DEBUG", message, null);
	}

	@Override
	public void debug(Object message, Throwable cause)
	{
		log("DEBUG", message, cause);
	}

	@Override
	public void debug(Throwable cause)
	{
		log("DEBUG", null, cause);
	}

	@Override
	public void trace(Object message)
	{
		log("TRACE", message, null);
	}

	@Override
	public void trace(Object message, Throwable cause)
	{
		log("TRACE", message, cause);
	}

	@Override
	public void trace(Throwable cause)
	{
		log("TRACE", null, cause);
	}

	@Override
	public boolean isDebugEnabled()
	{
		return true;
	}

	@Override
	public boolean isTraceEnabled()
	{
		return true;
	}
}
