/*
 * The shared interop scenario (test/interop/scenario.ts) through the typed client that JAX-WS RI's
 * wsimport generates from the served WSDL, without options.
 *
 * Usage: java Scenario <endpoint> <oin> <steps.json>
 *        java Scenario --describe
 *
 * steps.json is [[operation, {arguments}], ...]: the arguments are named after the request's
 * elements, a repeated element is an array. Each step calls the method of the generated port
 * whose @WebMethod is the operation, with the IN parameters built from the arguments by their
 * @WebParam names (JAXB beans by their @XmlElement names, lists for repeated elements). It prints
 * one JSON array with an answer per step: an object keyed by the response's element names (the
 * @WebParam names of the Holders; inside beans the @XmlElement names), strings, numbers and
 * booleans as JAXB maps them, a repeated element as an array, an absent element as null. A SOAP
 * Fault, the checked exception FoutBericht, becomes {"fault": {"code", "message", "foutcode"}}.
 * The OIN goes in the HTTP header X-OIN, as the sandbox reads it; JAX-WS adds the WS-Addressing
 * headers itself, from wsaw:UsingAddressing in the WSDL.
 *
 * --describe prints the port's methods as the generated code declares them: the operation, whether
 * it is wrapper style, the request and response element names in order, and the faults.
 */
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.jws.WebMethod;
import javax.jws.WebParam;
import javax.jws.WebResult;
import javax.xml.bind.JAXBElement;
import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;
import javax.xml.bind.annotation.XmlAttribute;
import javax.xml.bind.annotation.XmlElement;
import javax.xml.bind.annotation.XmlEnumValue;
import javax.xml.bind.annotation.XmlTransient;
import javax.xml.bind.annotation.XmlType;
import javax.xml.datatype.XMLGregorianCalendar;
import javax.xml.namespace.QName;
import javax.xml.soap.SOAPException;
import javax.xml.ws.BindingProvider;
import javax.xml.ws.Holder;
import javax.xml.ws.RequestWrapper;
import javax.xml.ws.ResponseWrapper;
import javax.xml.ws.WebServiceException;
import javax.xml.ws.handler.Handler;
import javax.xml.ws.handler.MessageContext;
import javax.xml.ws.handler.soap.SOAPHandler;
import javax.xml.ws.handler.soap.SOAPMessageContext;
import nl.duo.cvs_koppeling.wi2021_v1.CvsKoppelingWi2021PortTypeV1;
import nl.duo.cvs_koppeling.wi2021_v1.CvsKoppelingWi2021ServiceV1;
import nl.duo.cvs_koppeling.wi2021_v1.Fout;
import nl.duo.cvs_koppeling.wi2021_v1.FoutBericht;

public final class Scenario {
    private Scenario() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--describe")) {
            System.out.println(Json.write(describe()));
            return;
        }
        if (args.length != 3) {
            System.err.println("usage: java Scenario <endpoint> <oin> <steps.json> | java Scenario --describe");
            System.exit(2);
        }
        String endpoint = args[0];
        String oin = args[1];
        List<?> steps = (List<?>) Json.parse(new String(Files.readAllBytes(Paths.get(args[2])), StandardCharsets.UTF_8));

        CvsKoppelingWi2021PortTypeV1 port = new CvsKoppelingWi2021ServiceV1(new URL(endpoint + "?wsdl")).getCvsKoppelingWi2021PortV1();
        BindingProvider provider = (BindingProvider) port;
        provider.getRequestContext().put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, endpoint);
        provider.getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("X-OIN", List.of(oin)));
        FaultCode faultCode = new FaultCode();
        @SuppressWarnings("rawtypes")
        List<Handler> chain = provider.getBinding().getHandlerChain();
        chain.add(faultCode);
        provider.getBinding().setHandlerChain(chain);

        Map<String, Method> methods = methodsByOperation();
        List<Object> answers = new ArrayList<>();
        for (Object step : steps) {
            List<?> pair = (List<?>) step;
            String operation = (String) pair.get(0);
            Method method = methods.get(operation);
            if (method == null) throw new IllegalArgumentException("the port has no method for operation " + operation);
            answers.add(call(port, method, Json.object(pair.get(1)), faultCode));
        }
        System.out.println(Json.write(answers));
    }

    /** The port's methods by the operation of their @WebMethod. */
    static Map<String, Method> methodsByOperation() {
        Map<String, Method> methods = new TreeMap<>();
        for (Method method : CvsKoppelingWi2021PortTypeV1.class.getMethods()) {
            WebMethod webMethod = method.getAnnotation(WebMethod.class);
            String operation = webMethod == null || webMethod.operationName().isEmpty() ? method.getName() : webMethod.operationName();
            if (methods.put(operation, method) != null) throw new IllegalStateException("two methods for operation " + operation);
        }
        return methods;
    }

    static List<Object> describe() {
        List<Object> described = new ArrayList<>();
        for (Map.Entry<String, Method> entry : methodsByOperation().entrySet()) {
            Method method = entry.getValue();
            List<Object> request = new ArrayList<>();
            List<Object> response = new ArrayList<>();
            for (int i = 0; i < method.getParameterCount(); i++) {
                WebParam param = webParam(method, i);
                if (param.mode() != WebParam.Mode.OUT) request.add(param.name());
                if (param.mode() != WebParam.Mode.IN) response.add(param.name());
            }
            if (method.getReturnType() != void.class) response.add(0, resultName(method));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("operation", entry.getKey());
            d.put("method", method.getName());
            d.put("wrapper", method.isAnnotationPresent(RequestWrapper.class) && method.isAnnotationPresent(ResponseWrapper.class));
            d.put("request", request);
            d.put("response", response);
            List<Object> faults = new ArrayList<>();
            for (Class<?> fault : method.getExceptionTypes()) faults.add(fault.getSimpleName());
            d.put("faults", faults);
            described.add(d);
        }
        return described;
    }

    /** One call: the IN parameters from the arguments, a Holder for each OUT one; the answer by element name. */
    static Object call(Object port, Method method, Map<String, Object> arguments, FaultCode faultCode) throws Exception {
        Map<String, Object> left = new LinkedHashMap<>(arguments);
        Type[] types = method.getGenericParameterTypes();
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            WebParam param = webParam(method, i);
            if (param.mode() == WebParam.Mode.IN) {
                values[i] = fromJson(left.remove(param.name()), types[i]);
            } else {
                Holder<Object> holder = new Holder<>();
                if (param.mode() == WebParam.Mode.INOUT) holder.value = fromJson(left.remove(param.name()), holderType(types[i]));
                values[i] = holder;
            }
        }
        if (!left.isEmpty()) throw new IllegalArgumentException(method.getName() + " has no request element " + left.keySet());

        faultCode.last = null;
        Object result;
        try {
            result = method.invoke(port, values);
        } catch (InvocationTargetException e) {
            if (!(e.getCause() instanceof FoutBericht)) throw e;
            FoutBericht foutBericht = (FoutBericht) e.getCause();
            Fout fout = foutBericht.getFaultInfo();
            Map<String, Object> fault = new LinkedHashMap<>();
            fault.put("code", faultCode.last);
            fault.put("message", foutBericht.getMessage());
            fault.put("foutcode", fout == null ? null : fout.getFoutcode());
            return Map.of("fault", fault);
        }

        Map<String, Object> answer = new LinkedHashMap<>();
        if (method.getReturnType() != void.class) answer.put(resultName(method), toJson(result));
        for (int i = 0; i < types.length; i++) {
            WebParam param = webParam(method, i);
            if (param.mode() != WebParam.Mode.IN) answer.put(param.name(), toJson(((Holder<?>) values[i]).value));
        }
        return answer;
    }

    static WebParam webParam(Method method, int i) {
        for (java.lang.annotation.Annotation annotation : method.getParameterAnnotations()[i]) {
            if (annotation instanceof WebParam) return (WebParam) annotation;
        }
        throw new IllegalStateException(method.getName() + ": parameter " + i + " has no @WebParam");
    }

    static String resultName(Method method) {
        WebResult result = method.getAnnotation(WebResult.class);
        if (result == null) throw new IllegalStateException(method.getName() + ": the return value has no @WebResult");
        return result.name();
    }

    static Type holderType(Type holder) {
        return ((ParameterizedType) holder).getActualTypeArguments()[0];
    }

    // ---------------------------------------------------------------------------------------
    // JSON <-> the generated JAXB types
    // ---------------------------------------------------------------------------------------

    /** The JSON value as an instance of `type`: a string, number, boolean, enum, list or JAXB bean. */
    static Object fromJson(Object json, Type type) throws ReflectiveOperationException {
        if (json == null) return null;
        if (type instanceof ParameterizedType) {
            ParameterizedType parameterized = (ParameterizedType) type;
            if (parameterized.getRawType() == List.class) {
                Type item = parameterized.getActualTypeArguments()[0];
                List<Object> list = new ArrayList<>();
                for (Object x : json instanceof List ? (List<?>) json : List.of(json)) list.add(fromJson(x, item));
                return list;
            }
            throw new IllegalArgumentException("unsupported type " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            if (json instanceof String) return json;
            if (json instanceof Number || json instanceof Boolean) return Json.write(json);
        } else if (c == Boolean.class || c == boolean.class) {
            if (json instanceof Boolean) return json;
            if ("true".equals(json) || "1".equals(json)) return true;
            if ("false".equals(json) || "0".equals(json)) return false;
        } else if (c == Integer.class || c == int.class) {
            return number(json).intValueExact();
        } else if (c == Long.class || c == long.class) {
            return number(json).longValueExact();
        } else if (c == Short.class || c == short.class) {
            return number(json).shortValueExact();
        } else if (c == BigInteger.class) {
            return number(json).toBigIntegerExact();
        } else if (c == BigDecimal.class) {
            return number(json);
        } else if (c.isEnum()) {
            for (Object constant : c.getEnumConstants()) {
                if (enumValue((Enum<?>) constant).equals(json)) return constant;
            }
            throw new IllegalArgumentException(c.getSimpleName() + " has no value " + Json.write(json));
        } else if (c.isAnnotationPresent(XmlType.class) && json instanceof Map) {
            Object bean = c.getDeclaredConstructor().newInstance();
            Map<String, Field> fields = elements(c);
            for (Map.Entry<String, Object> entry : Json.object(json).entrySet()) {
                Field field = fields.get(entry.getKey());
                if (field == null) throw new IllegalArgumentException(c.getSimpleName() + " has no element " + entry.getKey());
                field.set(bean, fromJson(entry.getValue(), field.getGenericType()));
            }
            return bean;
        }
        throw new IllegalArgumentException("cannot make a " + type.getTypeName() + " of " + Json.write(json));
    }

    static BigDecimal number(Object json) {
        if (json instanceof Number || json instanceof String) return new BigDecimal(json.toString());
        throw new IllegalArgumentException("not a number: " + Json.write(json));
    }

    /** A value of the generated types as JSON: a bean as an object keyed by its element names. */
    static Object toJson(Object value) throws IllegalAccessException {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) return value;
        if (value instanceof Enum) return enumValue((Enum<?>) value);
        if (value instanceof XMLGregorianCalendar) return ((XMLGregorianCalendar) value).toXMLFormat();
        if (value instanceof JAXBElement) {
            JAXBElement<?> element = (JAXBElement<?>) value;
            return element.isNil() ? null : toJson(element.getValue());
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            for (Object x : (List<?>) value) list.add(toJson(x));
            return list;
        }
        if (value.getClass().isAnnotationPresent(XmlType.class)) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (Map.Entry<String, Field> entry : elements(value.getClass()).entrySet()) {
                Field field = entry.getValue();
                Object x = field.get(value);
                // A repeated element that is absent: JAXB leaves the list null, its getter gives an empty list.
                object.put(entry.getKey(), x == null && List.class.isAssignableFrom(field.getType()) ? List.of() : toJson(x));
            }
            return object;
        }
        throw new IllegalArgumentException("unsupported value " + value.getClass().getName());
    }

    /** A bean's fields by the XML name of their element (or attribute), superclass fields first. */
    static Map<String, Field> elements(Class<?> c) {
        Map<String, Field> fields = new LinkedHashMap<>();
        if (c.getSuperclass() != null && c.getSuperclass().isAnnotationPresent(XmlType.class)) fields.putAll(elements(c.getSuperclass()));
        XmlAccessorType access = c.getAnnotation(XmlAccessorType.class);
        if (access == null || access.value() != XmlAccessType.FIELD) throw new IllegalStateException(c.getName() + " is not bound by field");
        for (Field field : c.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers()) || field.isAnnotationPresent(XmlTransient.class)) continue;
            String name = field.getName();
            XmlElement element = field.getAnnotation(XmlElement.class);
            XmlAttribute attribute = field.getAnnotation(XmlAttribute.class);
            if (element != null && !element.name().equals("##default")) name = element.name();
            if (attribute != null && !attribute.name().equals("##default")) name = attribute.name();
            field.setAccessible(true);
            fields.put(name, field);
        }
        return fields;
    }

    static String enumValue(Enum<?> constant) {
        try {
            XmlEnumValue value = constant.getDeclaringClass().getField(constant.name()).getAnnotation(XmlEnumValue.class);
            return value == null ? constant.name() : value.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keeps the faultcode of the last SOAP Fault: the typed exception carries only faultstring and detail. */
    static final class FaultCode implements SOAPHandler<SOAPMessageContext> {
        String last;

        @Override
        public boolean handleMessage(SOAPMessageContext context) {
            return true;
        }

        @Override
        public boolean handleFault(SOAPMessageContext context) {
            try {
                last = context.getMessage().getSOAPBody().getFault().getFaultCode();
            } catch (SOAPException e) {
                throw new WebServiceException(e);
            }
            return true;
        }

        @Override
        public void close(MessageContext context) {}

        @Override
        public Set<QName> getHeaders() {
            return Set.of();
        }
    }

    /** Just enough JSON: objects (insertion-ordered maps), arrays (lists), strings, numbers, booleans, null. */
    static final class Json {
        private final String text;
        private int at;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.at != text.length()) throw json.error("end of input");
            return value;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Object json) {
            if (!(json instanceof Map)) throw new IllegalArgumentException("not a JSON object: " + write(json));
            return (Map<String, Object>) json;
        }

        private Object value() {
            space();
            if (at >= text.length()) throw error("a value");
            char c = text.charAt(at);
            if (c == '{') {
                at++;
                Map<String, Object> object = new LinkedHashMap<>();
                if (next('}')) return object;
                do {
                    space();
                    String key = string();
                    expect(':');
                    object.put(key, value());
                } while (next(','));
                expect('}');
                return object;
            }
            if (c == '[') {
                at++;
                List<Object> array = new ArrayList<>();
                if (next(']')) return array;
                do array.add(value());
                while (next(','));
                expect(']');
                return array;
            }
            if (c == '"') return string();
            if (literal("true")) return Boolean.TRUE;
            if (literal("false")) return Boolean.FALSE;
            if (literal("null")) return null;
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) at++;
            if (start == at) throw error("a value");
            String number = text.substring(start, at);
            if (number.matches("-?(0|[1-9][0-9]*)")) return new BigInteger(number);
            return new BigDecimal(number);
        }

        private String string() {
            if (at >= text.length() || text.charAt(at) != '"') throw error("a string");
            at++;
            StringBuilder s = new StringBuilder();
            while (true) {
                if (at >= text.length()) throw error("the end of a string");
                char c = text.charAt(at++);
                if (c == '"') return s.toString();
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"': case '\\': case '/': s.append(e); break;
                    case 'b': s.append('\b'); break;
                    case 'f': s.append('\f'); break;
                    case 'n': s.append('\n'); break;
                    case 'r': s.append('\r'); break;
                    case 't': s.append('\t'); break;
                    case 'u': s.append((char) Integer.parseInt(text.substring(at, at + 4), 16)); at += 4; break;
                    default: throw error("an escape");
                }
            }
        }

        private boolean literal(String word) {
            if (!text.startsWith(word, at)) return false;
            at += word.length();
            return true;
        }

        private boolean next(char c) {
            space();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!next(c)) throw error("'" + c + "'");
        }

        private void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) at++;
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("JSON: expected " + expected + " at " + at);
        }

        /** JSON text of a value, ASCII only (the rest as \\u escapes), whatever the platform's encoding. */
        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private static void write(Object value, StringBuilder out) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof String) {
                out.append('"');
                for (char c : ((String) value).toCharArray()) {
                    if (c == '"' || c == '\\') out.append('\\').append(c);
                    else if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
                out.append('"');
            } else if (value instanceof Boolean || value instanceof BigInteger || value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                out.append(value);
            } else if (value instanceof BigDecimal) {
                out.append(((BigDecimal) value).toPlainString());
            } else if (value instanceof Number) {
                double d = ((Number) value).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) throw new IllegalArgumentException("no JSON for " + d);
                out.append(value);
            } else if (value instanceof Map) {
                out.append('{');
                String comma = "";
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    out.append(comma);
                    write(String.valueOf(entry.getKey()), out);
                    out.append(':');
                    write(entry.getValue(), out);
                    comma = ",";
                }
                out.append('}');
            } else if (value instanceof List) {
                out.append('[');
                String comma = "";
                for (Object x : (List<?>) value) {
                    out.append(comma);
                    write(x, out);
                    comma = ",";
                }
                out.append(']');
            } else {
                throw new IllegalArgumentException("no JSON for " + value.getClass().getName());
            }
        }
    }
}
