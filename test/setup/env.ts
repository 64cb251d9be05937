// The pinned SDK releases run on Node 20 (see README); their notice that *later* releases need
// Node 22 would otherwise print once per test file and bury real output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
