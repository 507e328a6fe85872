/** The SOAP fault that `fn` throws; fails the test when it throws something else or nothing. */
import { expect } from 'chai';
import { SoapFault } from '../../src/soap/fault.js';

export function faultOf(fn: () => unknown): SoapFault {
  try {
    fn();
  } catch (err) {
    expect(err).to.be.instanceOf(SoapFault);
    return err as SoapFault;
  }
  throw new Error('expected a fault');
}
