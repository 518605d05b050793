// The polling helper lives in a lib's testing entry, so libs' own testing code can use it too (a lib
// may not reach into test/); tests outside the libs take it from here.
export { eventually } from '@medido/platform/testing/eventually';
