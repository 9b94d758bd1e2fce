/** What the benchmarks share: the median of their figures, and the functions their local Lambda endpoints list. */

/** The median (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** Function `i` as ListFunctions lists it, with `description` and any further members. */
export function listedFunction(i: number, description: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    FunctionName: `fn-${i}`,
    FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:fn-${i}`,
    Runtime: 'nodejs20.x',
    Role: 'arn:aws:iam::123456789012:role/bench',
    Handler: 'index.handler',
    CodeSize: 1234,
    Description: description,
    Timeout: 30,
    MemorySize: 512,
    LastModified: '2024-05-01T12:34:56.789+0000',
    CodeSha256: '4k1kx2vPYCxm0bfuRzGAFeqQGN0Ds1hX8PxdI0nRw0E=',
    Version: '$LATEST',
    PackageType: 'Zip',
    Architectures: ['arm64'],
    ...more,
  };
}
