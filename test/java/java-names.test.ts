import { describe, expect, it } from 'vitest';
import {
  javaName,
  javaStringLiteral,
  sdkClientClass,
  sdkMemberName,
  sdkOperationClass,
  sdkServiceName,
  sdkShapeClass,
} from '../../generator/java/java-names.js';

describe('javaName', () => {
  it('gives keyword-named action parameters a trailing underscore, and leaves others alone', () => {
    expect(javaName('actionField', 'class')).toBe('class_');
    expect(javaName('actionField', 'record')).toBe('record_');
    expect(javaName('actionField', 'Credentials')).toBe('Credentials');
    expect(javaName('actionObjectArgument', 'Credentials')).toBe('CredentialsParameter1');
    expect(javaName('actionObjectArgument', 'class')).toBe('classParameter1');
    expect(javaName('actionObjectField', 'Credentials')).toBe('__Credentials');
    expect(javaName('enumFromApiMethod', 'ENUM_FunctionState')).toBe('toENUM_FunctionState');
  });

  it('names proxies, their getters and setters, association setters and enum constants as Studio Pro does', () => {
    expect(javaName('proxyClass', 'ListFunctionsRequest', 'awslambdaconnector')).toBe('awslambdaconnector.proxies.ListFunctionsRequest');
    expect(javaName('proxyClass', 'ENUM_Region', 'my.pkg')).toBe('my.pkg.proxies.ENUM_Region');
    expect(javaName('proxyGetter', 'FetchAllPages')).toBe('getFetchAllPages');
    expect(javaName('proxySetter', 'NextMarker')).toBe('setNextMarker');
    expect(javaName('associationSetter', 'Function_ListFunctionsResponse')).toBe('setFunction_ListFunctionsResponse');
    expect(javaName('enumConstant', 'us_east_1')).toBe('us_east_1');
    expect(javaName('enumConstant', 'ALL')).toBe('ALL');
    expect(() => javaName('proxyClass', 'Credentials')).toThrow(/Java package/);
  });

  it('names SDK members in lower camel case with acronyms lowered as a whole', () => {
    expect(javaName('sdkMember', 'MaxItems')).toBe('maxItems');
    expect(javaName('sdkMember', 'NextMarker')).toBe('nextMarker');
    expect(sdkMemberName('KMSKeyArn')).toBe('kmsKeyArn');
    expect(sdkMemberName('CodeSha256')).toBe('codeSha256');
    expect(sdkMemberName('SSEType')).toBe('sseType');
    expect(sdkMemberName('ARN')).toBe('arn');
    expect(sdkMemberName('Default')).toBe('defaultValue');
    expect(sdkMemberName('Builder')).toBe('builderValue');
    expect(sdkMemberName('ToString')).toBe('toStringValue');
    expect(javaName('sdkMemberAsString', 'State')).toBe('stateAsString');
    expect(javaName('sdkOperationMethod', 'ListFunctions')).toBe('listFunctions');
    expect(javaName('sdkOperationMethod', 'Invoke')).toBe('invoke');
  });

  it('names locals in lower camel case, keyword-safe', () => {
    expect(javaName('variable', 'inMarker')).toBe('inMarker');
    expect(javaName('variable', 'FunctionFromConfiguration')).toBe('functionFromConfiguration');
    expect(javaName('variable', 'New')).toBe('new_');
  });

  it('names SDK classes by the sdkId and operation, as the SDK code generator does', () => {
    expect(sdkClientClass('Lambda')).toBe('software.amazon.awssdk.services.lambda.LambdaClient');
    expect(sdkClientClass('DynamoDB')).toBe('software.amazon.awssdk.services.dynamodb.DynamoDbClient');
    expect(sdkClientClass('CloudWatch Logs')).toBe('software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient');
    expect(sdkClientClass('API Gateway')).toBe('software.amazon.awssdk.services.apigateway.ApiGatewayClient');
    expect(sdkClientClass('SQS')).toBe('software.amazon.awssdk.services.sqs.SqsClient');
    expect(sdkServiceName('ACM PCA')).toBe('AcmPca');
    expect(sdkServiceName('Amazon MQ')).toBe('Mq');
    expect(sdkServiceName('EC2')).toBe('Ec2');
    expect(sdkOperationClass('Lambda', 'Invoke', 'Request')).toBe('software.amazon.awssdk.services.lambda.model.InvokeRequest');
    expect(sdkOperationClass('S3', 'ListObjectsV2', 'Response')).toBe('software.amazon.awssdk.services.s3.model.ListObjectsV2Response');
    expect(sdkShapeClass('Lambda', 'FunctionConfiguration')).toBe('software.amazon.awssdk.services.lambda.model.FunctionConfiguration');
  });

  it('writes Java string literals with escapes', () => {
    expect(javaStringLiteral('plain')).toBe('"plain"');
    expect(javaStringLiteral('a "b" \\ c\n')).toBe('"a \\"b\\" \\\\ c\\n"');
    expect(javaStringLiteral('é')).toBe('"\\u00e9"');
    expect(javaStringLiteral('😀')).toBe('"\\ud83d\\ude00"');
  });
});
