package dev.filial.hq.bench;

import dev.filial.hq.Hub;
import dev.filial.node.Node;
import dev.filial.node.access.Actor;
import dev.filial.node.access.Role;
import dev.filial.node.entity.EntityService;
import dev.filial.node.entity.JsonValues;
import dev.filial.node.store.Schema;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A sales agent's working day, repeatable from a seed. {@link #portfolio} writes at HQ the agent's
 * customers (organisations and sole traders of the Moscow branch assigned to the agent) with their
 * contact persons, phones, e-mails, addresses and planned activities; the agent's enrollment snapshot
 * then carries them. {@link #live} makes the day at the agent through {@link EntityService}, the path of
 * the node's API, one captured transaction per user action, each with its audit entry: calls and
 * meetings logged with what came of them, activities planned, completed and moved, new contact persons
 * and contact points, edits of customers' notes, discounts and payment terms, and a few new customers.
 * Text is mostly Russian with some English, drawn from pools of names, streets, products and phrases
 * and filled with numbers, dates and amounts, so that it compresses like real CRM text, not like filler.
 */
final class AgentDay {

    static final String AGENT_LOGIN = "petrov.a";
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private static final String[] MALE = {"Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим",
        "Виктор", "Владимир", "Дмитрий", "Евгений", "Игорь", "Илья", "Кирилл", "Константин", "Максим", "Михаил",
        "Никита", "Николай", "Олег", "Павел", "Роман", "Сергей", "Юрий", "Георгий", "Степан"};
    private static final String[] FEMALE = {"Алина", "Анна", "Валентина", "Вера", "Галина", "Дарья", "Екатерина",
        "Елена", "Ирина", "Ксения", "Людмила", "Марина", "Мария", "Наталья", "Нина", "Ольга", "Светлана",
        "Татьяна", "Юлия", "Оксана", "Полина", "Евгения"};
    private static final String[] LATIN_MALE = {"aleksandr", "aleksei", "andrei", "anton", "artem", "boris", "vadim",
        "viktor", "vladimir", "dmitrii", "evgenii", "igor", "ilia", "kirill", "konstantin", "maksim", "mikhail",
        "nikita", "nikolai", "oleg", "pavel", "roman", "sergei", "iurii", "georgii", "stepan"};
    private static final String[] LATIN_FEMALE = {"alina", "anna", "valentina", "vera", "galina", "daria",
        "ekaterina", "elena", "irina", "ksenia", "liudmila", "marina", "maria", "natalia", "nina", "olga", "svetlana",
        "tatiana", "iulia", "oksana", "polina", "evgenia"};
    private static final String[] SURNAMES = {"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров",
        "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
        "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев",
        "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов",
        "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин",
        "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов",
        "Комаров", "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров"};
    private static final String[] LATIN_SURNAMES = {"ivanov", "smirnov", "kuznetsov", "popov", "vasilev", "petrov",
        "sokolov", "mikhailov", "novikov", "fedorov", "morozov", "volkov", "alekseev", "lebedev", "semenov", "egorov",
        "pavlov", "kozlov", "stepanov", "nikolaev", "orlov", "andreev", "makarov", "nikitin", "zakharov", "zaitsev",
        "solovev", "borisov", "iakovlev", "grigorev", "romanov", "vorobev", "sergeev", "kuzmin", "frolov",
        "aleksandrov", "dmitriev", "korolev", "gusev", "kiselev", "ilin", "maksimov", "poliakov", "sorokin",
        "vinogradov", "kovalev", "belov", "medvedev", "antonov", "tarasov", "zhukov", "baranov", "filippov",
        "komarov", "davydov", "beliaev", "gerasimov", "bogdanov", "osipov", "sidorov"};
    private static final String[] PATRONYMIC_ROOTS = {"Александров", "Алексеев", "Андреев", "Викторов",
        "Владимиров", "Дмитриев", "Евгеньев", "Игорев", "Михайлов", "Николаев", "Олегов", "Павлов", "Сергеев",
        "Юрьев", "Борисов", "Геннадьев", "Анатольев", "Валерьев"};
    private static final String[] ENGLISH_FIRST = {"James", "Oliver", "Emma", "Sophie", "Daniel", "Thomas", "Laura",
        "Michael", "Sarah", "David", "Anna", "Peter", "Hannah", "Lucas", "Julia", "Mark", "Claire", "Robert"};
    private static final String[] ENGLISH_LAST = {"Smith", "Johnson", "Brown", "Taylor", "Wilson", "Evans", "Walker",
        "Wright", "Green", "Hall", "Clarke", "Hughes", "Turner", "Parker", "Mueller", "Schmidt", "Fischer", "Weber",
        "Novak", "Kowalski"};
    private static final String[][] COMPANY_ROOTS = {{"Вектор", "vektor"}, {"Меридиан", "meridian"},
        {"Гранит", "granit"}, {"Альянс", "alians"}, {"Волга", "volga"}, {"Север", "sever"}, {"Орион", "orion"},
        {"Континент", "kontinent"}, {"Импульс", "impuls"}, {"Дельта", "delta"}, {"Сибирь", "sibir"},
        {"Фортуна", "fortuna"}, {"Лидер", "lider"}, {"Профи", "profi"}, {"Старт", "start"}, {"Ока", "oka"},
        {"Балтика", "baltika"}, {"Уралснаб", "uralsnab"}, {"ТехноПром", "tekhnoprom"}, {"СтройДвор", "stroidvor"},
        {"АгроТорг", "agrotorg"}, {"Мегаполис", "megapolis"}, {"Кедр", "kedr"}, {"Атлант", "atlant"},
        {"Полюс", "polius"}, {"Заря", "zaria"}, {"Янтарь", "iantar"}, {"Ладога", "ladoga"}, {"Эталон", "etalon"},
        {"Квадрат", "kvadrat"}};
    private static final String[][] COMPANY_SUFFIXES = {{"", ""}, {"-Трейд", "-treid"}, {"-Снаб", "-snab"},
        {" Сервис", "-servis"}, {" Логистик", "-logistik"}, {" Групп", "-grupp"}, {" Плюс", "-plius"},
        {"-М", "-m"}, {" Строй", "-stroi"}};
    private static final String[] FORMS = {"ООО", "ООО", "ООО", "АО", "ПАО"};
    private static final String[][] FOREIGN = {{"Baltic Timber", "baltictimber"}, {"Nordic Foods", "nordicfoods"},
        {"Hansa Tools", "hansatools"}, {"Alpen Bau", "alpenbau"}, {"Danube Logistics", "danube-log"},
        {"Silesia Steel", "silesiasteel"}};
    private static final String[] FOREIGN_FORMS = {"Ltd", "GmbH", "Sp. z o.o.", "s.r.o.", "AB"};
    private static final String[] CITIES = {"Москва", "Москва", "Москва", "Химки", "Мытищи", "Люберцы", "Подольск",
        "Балашиха", "Королёв", "Красногорск", "Одинцово", "Коломна", "Серпухов", "Тверь", "Калуга", "Тула",
        "Рязань", "Владимир", "Ярославль", "Сергиев Посад", "Ногинск", "Домодедово"};
    private static final String[] STREETS = {"ул. Ленина", "ул. Гагарина", "Ленинградский пр-т", "ул. Садовая",
        "ул. Мира", "ул. Советская", "ул. Промышленная", "ш. Энтузиастов", "ул. Профсоюзная", "ул. Строителей",
        "ул. Заводская", "пр-т Победы", "ул. Кирова", "ул. Пушкина", "ул. Октябрьская", "ул. Комсомольская",
        "Набережная ул.", "ул. Лесная", "Варшавское ш.", "ул. Школьная", "ул. Новая", "1-й Рабочий пер.",
        "ул. Б. Серпуховская", "Каширское ш.", "ул. Вокзальная", "Складской проезд", "ул. Индустриальная"};
    private static final String[] POSITIONS = {"директор", "генеральный директор", "коммерческий директор",
        "главный бухгалтер", "бухгалтер", "менеджер по закупкам", "начальник отдела закупок", "начальник склада",
        "заместитель директора", "специалист по снабжению", "кладовщик", "инженер ПТО", "прораб", "юрист",
        "purchasing manager", "CFO", "office manager", "logistics coordinator"};
    private static final String[] DEPARTMENTS = {"отдел закупок", "бухгалтерия", "склад", "администрация",
        "логистика", "отдел снабжения", "юридический отдел", "Purchasing", "Finance"};
    private static final String[] PRODUCTS = {"саморезы 4,2×76", "краска фасадная 10 л", "перфоратор SDS-plus",
        "грунтовка глубокого проникновения", "плитка керамическая 30×60", "клей плиточный 25 кг",
        "гипсокартон 12,5 мм", "профиль ПН 50×40", "утеплитель 100 мм", "пена монтажная", "герметик силиконовый",
        "шуруповёрт аккумуляторный", "ламинат 33 класс", "ровнитель для пола", "штукатурка гипсовая 30 кг",
        "анкерные болты М10", "уголок перфорированный", "смеситель для кухни", "кабель ВВГнг 3×2,5",
        "автоматы 16 А", "трубы ПП 20 мм", "радиатор биметаллический", "дверь межкомнатная", "цемент М500",
        "арматура 12 мм", "сетка кладочная", "wood screws 4x40", "interior paint white 10 l",
        "cordless drill 18V", "anchor bolts M12"};
    private static final String[] UNITS = {"шт.", "упак.", "м²", "кг", "рулонов", "мешков", "pcs"};
    private static final String[] MONTHS = {"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
        "сентябрь", "октябрь", "ноябрь", "декабрь"};
    private static final String[] SEGMENTS = {"retail", "wholesale", "construction", "horeca", "state"};
    private static final String[] CATEGORIES = {"A", "B", "C", "VIP"};
    private static final String[] CALLS = {
        "Звонок: уточнить сроки поставки по заказу № %n", "Звонок по счёту № %n", "Напомнить об оплате счёта № %n",
        "Согласовать отгрузку на %d", "Обсудить новый прайс на %m", "Уточнить остатки: %p",
        "Звонок: рекламация по накладной № %n", "Договориться о встрече с %w", "Предложить акцию на %p",
        "Call about invoice %n", "Follow-up on quote %n", "Check delivery of order %n"};
    private static final String[] MEETINGS = {"Встреча: презентация новой линейки (%p)",
        "Встреча с %w по договору № %n", "Визит на объект, %c", "Переговоры о скидке на %p",
        "Встреча: подписание допсоглашения № %n", "Meeting: annual contract review", "Визит на склад клиента, %c"};
    private static final String[] TASKS = {"Подготовить КП на %q %u (%p)", "Отправить акт сверки за %m",
        "Выставить счёт на %a руб.", "Передать образцы: %p", "Запросить документы для договора № %n",
        "Проверить дебиторку по %w", "Send samples of %p", "Prepare quote %n for %q %u"};
    private static final String[] EMAILS = {"Письмо: коммерческое предложение № %n", "Отправить прайс за %m",
        "Отправить сертификаты на %p", "Письмо по претензии № %n", "Send price list for %m"};
    private static final String[] RESULTS = {"Клиент подтвердил заказ на %a руб.", "Договорились об отгрузке %d.",
        "Просят скидку %s%% при объёме от %q %u.", "Оплата задерживается, обещали до %d.",
        "Нужен повторный звонок после %t.", "Контакт в отпуске до %d, по срочным вопросам — %w.",
        "Не дозвонился, перезвонить завтра после %t.", "Отправил КП № %n на почту, ждут согласования руководства.",
        "Интересуются: %p, нужен образец.", "Претензия по качеству снята, вопрос закрыт.",
        "Склад переезжает, новый адрес уточнят до %d.", "Готовы перейти на отсрочку %s дн. при обороте от %a руб.",
        "Остаток по счёту № %n — %a руб., гарантируют оплату до %d.", "Согласовали график поставок на %m.",
        "Запросили акт сверки за %m.", "Конкурент предложил цену ниже на %s%%, обещал пересчитать.",
        "Заказ № %n увеличен до %q %u.", "Решение примут после совещания %d.", "Передал контакты %w в бухгалтерию.",
        "Customer asked for a revised quote for %q %u.", "Agreed on delivery %d, payment in %s days.",
        "No answer, will call again after %t.", "They want samples of %p before ordering."};
    private static final String[] NOTES = {"Работают по предоплате.", "Склад в г. %c, приёмка с 9 до 17.",
        "Документы только оригиналы, ЭДО не используют.", "Отсрочка %s дн. согласована с %w.",
        "Крупный заказ ожидается в %m.", "Оплата двумя частями: 50%% аванс, остальное по факту.",
        "Закупки согласует %w, звонить до обеда.", "Сезонный спрос: пик в %m.", "Просили не звонить по пятницам.",
        "Возможен тендер на %p, следить за площадкой.", "Нужна доверенность на получение груза.",
        "Контактное лицо по оплатам — %w.", "Prefers e-mail, replies within a day.", "Delivery only before 11:00."};
    private static final String[] KINDS = {"call", "call", "meeting", "task", "email"};

    private final Random random;
    private final LocalDate today;
    private final List<String> customers = new ArrayList<>();
    private final Map<String, List<String>> contacts = new HashMap<>();
    private final List<String[]> planned = new ArrayList<>();
    private final Map<String, Map<String, Value>> edited = new HashMap<>();

    AgentDay(long seed) {
        this.random = new Random(seed);
        this.today = LocalDate.now(MOSCOW);
    }

    /**
     * Writes the agent's portfolio at HQ, {@code count} customers owned by the branch and assigned to the
     * agent, each with 1 to 3 contact persons, their phones and e-mails, an address and about 1.5 planned
     * activities; one HQ transaction per customer.
     */
    void portfolio(Hub hub, int count) {
        for (int i = 0; i < count; i++) {
            hub.write(changes -> {
                String customer = changes.insert(Schema.COUNTERPARTY, counterparty(false));
                customers.add(customer);
                int people = 1 + random.nextInt(3);
                for (int p = 0; p < people; p++) {
                    String[] person = person();
                    String id = changes.insert(Schema.CONTACT_PERSON, contactPerson(customer, person));
                    contacts.computeIfAbsent(customer, c -> new ArrayList<>()).add(id);
                    changes.insert(Schema.CONTACT_POINT, contactPoint(customer, id, "phone", phone(), true));
                    if (random.nextBoolean()) {
                        changes.insert(Schema.CONTACT_POINT, contactPoint(customer, id, "email", email(person), true));
                    }
                }
                changes.insert(Schema.CONTACT_POINT, contactPoint(customer, null, "address", address(), true));
                int activities = random.nextInt(4);
                for (int a = 0; a < activities; a++) {
                    Map<String, Value> activity = activity(customer, false);
                    planned.add(new String[] {changes.insert(Schema.ACTIVITY, activity), customer});
                }
                return null;
            });
        }
    }

    /**
     * Makes the day at {@code agent}: user actions, each one captured transaction of two changes (the
     * row and its audit entry), until at least {@code changes} changes are captured.
     *
     * @return the changes captured
     */
    long live(Node agent, long changes) {
        EntityService service = agent.entities();
        Actor actor = new Actor(AGENT_LOGIN, Role.AGENT);
        long captured = 0;
        while (captured < changes) {
            double roll = random.nextDouble();
            if (roll < 0.28) {
                service.create(actor, "activities", json(activity(customer(), true)), false);
            } else if (roll < 0.46) {
                String customer = customer();
                String id = (String) service.create(actor, "activities", json(activity(customer, false)), false)
                        .get("id");
                planned.add(new String[] {id, customer});
            } else if (roll < 0.60 && !planned.isEmpty()) {
                String[] activity = planned.remove(random.nextInt(planned.size()));
                service.update(actor, "activities", activity[0], json(progress(activity)), false);
            } else if (roll < 0.70) {
                String customer = customer();
                String[] person = person();
                String id = (String) service.create(actor, "contact-persons", json(contactPerson(customer, person)),
                        false).get("id");
                contacts.computeIfAbsent(customer, c -> new ArrayList<>()).add(id);
            } else if (roll < 0.82) {
                createContactPoint(service, actor);
            } else if (roll < 0.99) {
                String customer = customer();
                service.update(actor, "counterparties", customer, json(customerEdit(agent, customer)), false);
            } else {
                String id = (String) service.create(actor, "counterparties", json(counterparty(true)), false)
                        .get("id");
                customers.add(id);
            }
            captured += 2;
        }
        return captured;
    }

    private void createContactPoint(EntityService service, Actor actor) {
        String customer = customer();
        List<String> people = contacts.getOrDefault(customer, List.of());
        String person = people.isEmpty() || random.nextInt(4) == 0 ? null : people.get(random.nextInt(people.size()));
        double kind = random.nextDouble();
        for (int attempt = 0; ; attempt++) {
            Map<String, Value> point = kind < 0.5 ? contactPoint(customer, person, "phone", phone(), false)
                    : kind < 0.85 ? contactPoint(customer, person, "email", email(person()), false)
                    : contactPoint(customer, person, "address", address(), false);
            try {
                service.create(actor, "contact-points", json(point), false);
                return;
            } catch (ValidationException e) {
                if (attempt > 5) {
                    throw e;
                }
                // a drawn phone number belongs to another customer already: draw another
            }
        }
    }

    private String customer() {
        // the agent works with some customers more than with others
        int n = customers.size();
        int index = random.nextInt(3) == 0 ? random.nextInt(n) : random.nextInt(Math.max(1, n / 4));
        return customers.get(index);
    }

    private Map<String, Value> counterparty(boolean byAgent) {
        Map<String, Value> row = new LinkedHashMap<>();
        boolean soleTrader = random.nextInt(6) == 0;
        row.put("kind", Value.of(soleTrader ? "person" : "organisation"));
        row.put("name", Value.of(soleTrader ? soleTraderName() : companyName()[0]));
        row.put("tax_id", Value.of(taxId(soleTrader ? 12 : 10)));
        row.put("category", Value.of(CATEGORIES[random.nextInt(CATEGORIES.length)]));
        row.put("segment", Value.of(SEGMENTS[random.nextInt(SEGMENTS.length)]));
        row.put("owning_branch", Value.of(BenchNetwork.BRANCH.toString()));
        row.put("manager", Value.of(byAgent ? AGENT_LOGIN : "smirnova.o"));
        row.put("credit_limit", Value.of(BigDecimal.valueOf((1 + random.nextInt(60)) * 50_000L)));
        row.put("payment_days", Value.of(new int[] {0, 7, 14, 21, 30, 45, 60}[random.nextInt(7)]));
        row.put("discount", Value.of(BigDecimal.valueOf(random.nextInt(16))));
        row.put("note", random.nextInt(3) == 0 ? Value.NULL : Value.of(sentences(NOTES, 1 + random.nextInt(2))));
        row.put("active", Value.of(true));
        row.put("agent", Value.of(BenchNetwork.AGENT.toString()));
        return row;
    }

    private Map<String, Value> contactPerson(String customer, String[] person) {
        Map<String, Value> row = new LinkedHashMap<>();
        row.put("counterparty_id", Value.of(customer));
        row.put("name", Value.of(person[0]));
        row.put("position", Value.of(POSITIONS[random.nextInt(POSITIONS.length)]));
        if (random.nextBoolean()) {
            row.put("department", Value.of(DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]));
        }
        if (random.nextInt(4) == 0) {
            row.put("birthday", Value.of(LocalDate.of(1960 + random.nextInt(42), 1 + random.nextInt(12),
                    1 + random.nextInt(28))));
        }
        if (random.nextInt(5) == 0) {
            row.put("note", Value.of(fill(RESULTS[random.nextInt(RESULTS.length)])));
        }
        return row;
    }

    private Map<String, Value> contactPoint(String customer, String person, String kind, String value,
                                            boolean normalise) {
        Map<String, Value> row = new LinkedHashMap<>();
        row.put("counterparty_id", Value.of(customer));
        if (person != null) {
            row.put("contact_person_id", Value.of(person));
        }
        row.put("kind", Value.of(kind));
        row.put("label", Value.of(switch (kind) {
            case "phone" -> random.nextBoolean() ? "мобильный" : "рабочий";
            case "email" -> "work";
            default -> random.nextBoolean() ? "юридический" : "склад";
        }));
        row.put("value", Value.of(value));
        if (normalise && !kind.equals("address")) {
            String digits = value.replaceAll("\\D", "");
            row.put("normalized", Value.of(kind.equals("phone") ? digits.substring(digits.length() - 10)
                    : value.toLowerCase(Locale.ROOT)));
        }
        return row;
    }

    /** A new activity: done today with its result ({@code done}), or planned for the coming days. */
    private Map<String, Value> activity(String customer, boolean done) {
        Map<String, Value> row = new LinkedHashMap<>();
        String kind = done ? (random.nextInt(4) == 0 ? "meeting" : "call") : KINDS[random.nextInt(KINDS.length)];
        row.put("kind", Value.of(kind));
        row.put("subject", Value.of(fill(switch (kind) {
            case "call" -> CALLS[random.nextInt(CALLS.length)];
            case "meeting" -> MEETINGS[random.nextInt(MEETINGS.length)];
            case "task" -> TASKS[random.nextInt(TASKS.length)];
            default -> EMAILS[random.nextInt(EMAILS.length)];
        })));
        row.put("counterparty_id", Value.of(customer));
        List<String> people = contacts.getOrDefault(customer, List.of());
        if (!people.isEmpty() && random.nextInt(10) < 7) {
            row.put("contact_person_id", Value.of(people.get(random.nextInt(people.size()))));
        }
        row.put("assignee", Value.of(AGENT_LOGIN));
        Instant due = at(done ? 0 : 1 + random.nextInt(14));
        row.put("due_at", Value.of(due));
        if (!done && random.nextInt(5) < 3) {
            row.put("remind_at", Value.of(due.minusSeconds(60L * (15 + 15 * random.nextInt(8)))));
        }
        row.put("status", Value.of(done ? "done" : "planned"));
        if (done) {
            row.put("result", Value.of(sentences(RESULTS, 1 + random.nextInt(3))));
        }
        row.put("owning_branch", Value.of(BenchNetwork.BRANCH.toString()));
        return row;
    }

    /** A planned activity done with its result (three times in four), or moved to another day. */
    private Map<String, Value> progress(String[] activity) {
        Map<String, Value> row = new LinkedHashMap<>();
        if (random.nextInt(4) < 3) {
            row.put("status", Value.of("done"));
            row.put("result", Value.of(sentences(RESULTS, 1 + random.nextInt(3))));
        } else {
            Instant due = at(2 + random.nextInt(20));
            row.put("due_at", Value.of(due));
            row.put("remind_at", Value.of(due.minusSeconds(3600)));
            planned.add(activity);
        }
        return row;
    }

    /** One to three of a customer's note, discount and payment days, each different from its current value. */
    private Map<String, Value> customerEdit(Node agent, String customer) {
        Map<String, Value> current = edited.computeIfAbsent(customer,
                id -> new HashMap<>(agent.writer().find(Schema.COUNTERPARTY, id).orElseThrow()));
        Map<String, Value> edit = new LinkedHashMap<>();
        int columns = 1 + random.nextInt(3);
        while (edit.size() < columns) {
            double roll = random.nextDouble();
            if (roll < 0.45) {
                // a dated remark added to the note, which keeps the last few
                String note = current.get("note") instanceof Value.Text text ? text.value() : "";
                String[] lines = note.isEmpty() ? new String[0] : note.split("\n");
                String kept = String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 3),
                        lines.length));
                String remark = String.format(Locale.ROOT, "%02d.%02d: ", today.getDayOfMonth(), today.getMonthValue())
                        + sentences(NOTES, 1 + random.nextInt(2));
                edit.put("note", Value.of(kept.isEmpty() ? remark : kept + "\n" + remark));
            } else if (roll < 0.75) {
                int discount = random.nextInt(21);
                BigDecimal now = current.get("discount") instanceof Value.Decimal d ? d.value()
                        : BigDecimal.ONE.negate();
                edit.put("discount", Value.of(BigDecimal.valueOf(now.intValue() == discount ? discount + 1
                        : discount)));
            } else {
                int days = new int[] {0, 7, 10, 14, 21, 30, 45, 60, 90}[random.nextInt(9)];
                long now = current.get("payment_days") instanceof Value.Int i ? i.value() : -1;
                edit.put("payment_days", Value.of(now == days ? days + 5 : days));
            }
        }
        current.putAll(edit);
        return edit;
    }

    /** A due time {@code days} from today, in office hours, on the hour or half hour, Moscow time. */
    private Instant at(int days) {
        LocalTime time = LocalTime.of(9 + random.nextInt(9), random.nextBoolean() ? 0 : 30);
        return ZonedDateTime.of(today.plusDays(days), time, MOSCOW).toInstant();
    }

    /** Full name and its Latin transliteration (for e-mail addresses). */
    private String[] person() {
        if (random.nextInt(8) == 0) {
            String first = ENGLISH_FIRST[random.nextInt(ENGLISH_FIRST.length)];
            String last = ENGLISH_LAST[random.nextInt(ENGLISH_LAST.length)];
            return new String[] {first + " " + last, first.toLowerCase(Locale.ROOT) + "."
                    + last.toLowerCase(Locale.ROOT)};
        }
        boolean female = random.nextBoolean();
        int first = random.nextInt(female ? FEMALE.length : MALE.length);
        int last = random.nextInt(SURNAMES.length);
        String surname = SURNAMES[last] + (female ? "а" : "");
        String patronymic = PATRONYMIC_ROOTS[random.nextInt(PATRONYMIC_ROOTS.length)] + (female ? "на" : "ич");
        String name = random.nextInt(3) == 0 ? surname + " " + (female ? FEMALE : MALE)[first]
                : surname + " " + (female ? FEMALE : MALE)[first] + " " + patronymic;
        return new String[] {name, (female ? LATIN_FEMALE : LATIN_MALE)[first] + "." + LATIN_SURNAMES[last]
                + (female ? "a" : "")};
    }

    private String email(String[] person) {
        String[] company = companyName();
        String box = switch (random.nextInt(5)) {
            case 0 -> "zakupki";
            case 1 -> "info";
            default -> person[1];
        };
        return box + "@" + company[1];
    }

    /** A company name and a domain for it. */
    private String[] companyName() {
        if (random.nextInt(15) == 0) {
            String[] foreign = FOREIGN[random.nextInt(FOREIGN.length)];
            return new String[] {foreign[0] + " " + FOREIGN_FORMS[random.nextInt(FOREIGN_FORMS.length)],
                    foreign[1] + (random.nextBoolean() ? ".com" : ".eu")};
        }
        String[] root = COMPANY_ROOTS[random.nextInt(COMPANY_ROOTS.length)];
        String[] suffix = COMPANY_SUFFIXES[random.nextInt(COMPANY_SUFFIXES.length)];
        return new String[] {FORMS[random.nextInt(FORMS.length)] + " «" + root[0] + suffix[0] + "»",
                root[1] + suffix[1] + (random.nextInt(4) == 0 ? ".com" : ".ru")};
    }

    private String soleTraderName() {
        boolean female = random.nextBoolean();
        String surname = SURNAMES[random.nextInt(SURNAMES.length)] + (female ? "а" : "");
        String initials = (female ? FEMALE : MALE)[random.nextInt(female ? FEMALE.length : MALE.length)]
                .charAt(0) + ". " + PATRONYMIC_ROOTS[random.nextInt(PATRONYMIC_ROOTS.length)].charAt(0) + ".";
        return "ИП " + surname + " " + initials;
    }

    private String phone() {
        String code = random.nextInt(3) == 0 ? new String[] {"495", "499", "498", "4822", "4842"}[random.nextInt(5)]
                : "9" + random.nextInt(10) + random.nextInt(10);
        int rest = code.length() == 4 ? 6 : 7;
        String digits = String.format(Locale.ROOT, "%0" + rest + "d", (long) random.nextInt((int) Math.pow(10, rest)));
        String grouped = rest == 7 ? digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5)
                : digits.substring(0, 2) + "-" + digits.substring(2, 4) + "-" + digits.substring(4);
        String phone = (random.nextInt(5) == 0 ? "8 (" : "+7 (") + code + ") " + grouped;
        return random.nextInt(8) == 0 ? phone + ", доб. " + (100 + random.nextInt(900)) : phone;
    }

    private String address() {
        StringBuilder s = new StringBuilder();
        s.append(1 + random.nextInt(4)).append(String.format(Locale.ROOT, "%05d", random.nextInt(100_000)))
                .append(", г. ").append(CITIES[random.nextInt(CITIES.length)]).append(", ")
                .append(STREETS[random.nextInt(STREETS.length)]).append(", д. ").append(1 + random.nextInt(150));
        if (random.nextInt(3) == 0) {
            s.append(", стр. ").append(1 + random.nextInt(9));
        }
        if (random.nextBoolean()) {
            s.append(random.nextInt(3) == 0 ? ", склад " : ", офис ").append(1 + random.nextInt(540));
        }
        return s.toString();
    }

    private String taxId(int digits) {
        StringBuilder s = new StringBuilder(random.nextInt(3) == 0 ? "50" : "77");
        while (s.length() < digits) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private String sentences(String[] pool, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : " ").append(fill(pool[random.nextInt(pool.length)]));
        }
        return s.toString();
    }

    /**
     * The template with its blanks filled: {@code %n} a document number, {@code %a} an amount, {@code %d} a
     * date, {@code %t} a time, {@code %m} a month, {@code %p} a product, {@code %q} a quantity, {@code %u} a
     * unit, {@code %s} a small number, {@code %w} a person, {@code %c} a city, {@code %%} a per cent sign.
     */
    private String fill(String template) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%' || i + 1 == template.length()) {
                s.append(c);
                continue;
            }
            char blank = template.charAt(++i);
            switch (blank) {
                case 'n' -> s.append(random.nextInt(3) == 0 ? "ЗК-" : "").append(100 + random.nextInt(9_900));
                case 'a' -> s.append(String.format(Locale.ROOT, "%,d", (5 + random.nextInt(2_000)) * 250)
                        .replace(',', ' '));
                case 'd' -> {
                    LocalDate date = today.plusDays(1 + random.nextInt(30));
                    s.append(String.format(Locale.ROOT, "%02d.%02d", date.getDayOfMonth(), date.getMonthValue()));
                }
                case 't' -> s.append(10 + random.nextInt(8)).append(random.nextBoolean() ? ":00" : ":30");
                case 'm' -> s.append(MONTHS[random.nextInt(MONTHS.length)]);
                case 'p' -> s.append(PRODUCTS[random.nextInt(PRODUCTS.length)]);
                case 'q' -> s.append((1 + random.nextInt(60)) * (random.nextBoolean() ? 10 : 1));
                case 'u' -> s.append(UNITS[random.nextInt(UNITS.length)]);
                case 's' -> s.append(3 + random.nextInt(28));
                case 'w' -> s.append(person()[0]);
                case 'c' -> s.append(CITIES[random.nextInt(CITIES.length)]);
                default -> s.append(blank);
            }
        }
        return s.toString();
    }

    /** Column values as the node's API takes them in JSON. */
    private static Map<String, Object> json(Map<String, Value> row) {
        Map<String, Object> json = new LinkedHashMap<>();
        row.forEach((column, value) -> json.put(column, JsonValues.toJson(value)));
        return json;
    }
}
