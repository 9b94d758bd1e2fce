// Test stub: an AWS SDK model object whose set members can be read back by API member name.
package stubruntime;

public interface StubModel
{
	java.util.Map<String, Object> toMap();
}
