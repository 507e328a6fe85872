/**
 * Who asks: the afnemer's OIN, the gemeente it acts for in this request, and its role for that
 * gemeente (PIB 2.1: Wi2021 raadplegen, Wi2021MUT muteren). The SOAP edge establishes it; rules
 * receive it as a plain value.
 */
export type Rol = 'raadplegen' | 'muteren';

export interface Caller {
  readonly oin: string;
  readonly gemeente: string;
  readonly rol: Rol;
}
