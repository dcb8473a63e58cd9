export * from './harness/fake-server';
export * from './harness/registry';
export * from './hubspot';
export * from './meta';
export * from './zoho';
export * from './gemini';
export * from './llm';
export * from './ollama';
